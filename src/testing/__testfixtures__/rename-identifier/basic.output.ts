const newName = 1;
export const twice = newName * 2;
