import express from 'express';
import lodash from 'lodash';
const { map, filter: keep } = lodash;
import fp from 'lodash/fp';
const fpMap = fp.map;
import pkg from '@scope/pkg-name';

module.exports = { express, map, keep, fpMap, pkg };
