// Deliberately empty: the target mlsys_test_pch compiles it so that CMake builds the test drivers'
// precompiled headers once, for every driver to reuse (tests/CMakeLists.txt).
