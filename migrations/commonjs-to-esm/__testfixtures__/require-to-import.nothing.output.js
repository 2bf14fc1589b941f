const value = 1;
console.log(value, __dirname);
