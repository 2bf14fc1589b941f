exports.label = (text) => `[${text}]`;
