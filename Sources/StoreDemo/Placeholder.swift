// The demo catalogue lives in this target.
