// The PostgreSQL engine lives in this target.
