let renamed = 1;
console.log("oldName is", renamed);
