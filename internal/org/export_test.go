package org

// MapUniqueForTest exposes the unique-violation mapping to the store tests.
var MapUniqueForTest = mapUnique
