const oldName = 1;
export const twice = oldName * 2;
