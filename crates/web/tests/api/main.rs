//! End-to-end tests of the web site and the API: each test spawns the server on port 0 over its
//! own temporary database seeded with the sample articles, and talks to it over loopback.

mod article;
mod cache;
mod helpers;
mod pages;
mod rest;
mod shared;
mod writes;
