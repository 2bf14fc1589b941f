var a = 1;
function f() {
  var b = a;
  return b;
}
