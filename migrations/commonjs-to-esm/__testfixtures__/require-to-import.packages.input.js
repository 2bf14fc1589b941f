const express = require("express");
const { map, filter: keep } = require("lodash");
const fpMap = require("lodash/fp").map;
const pkg = require("@scope/pkg-name");

module.exports = { express, map, keep, fpMap, pkg };
