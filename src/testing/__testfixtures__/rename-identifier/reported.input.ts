let oldName = 1;
console.log("oldName is", oldName);
