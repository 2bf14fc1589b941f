function assigned(): string {
  return 'assigned';
}
export = assigned;
