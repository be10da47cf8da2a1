//! Unit and property tests of the directive engine.
