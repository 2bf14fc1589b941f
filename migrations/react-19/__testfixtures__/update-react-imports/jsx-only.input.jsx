import React from 'react';

export const Hello = () => <p>Hello</p>;
