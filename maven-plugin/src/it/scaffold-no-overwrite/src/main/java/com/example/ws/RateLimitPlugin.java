package com.example.ws;

// written by hand
public class RateLimitPlugin {}
