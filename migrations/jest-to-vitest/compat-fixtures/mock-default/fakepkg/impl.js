exports.readThing = () => 'real-read';
exports.other = () => 'real-other';
