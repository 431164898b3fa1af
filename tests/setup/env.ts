// Test processes get a fixed configuration; nothing here is a real secret.
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.LOG_LEVEL ??= "silent";
process.env.SEED_DEMO = "false";
process.env.APP_URL ??= "http://localhost:3000";
process.env.EMPLOYEE_DATA_KEYS ??= "test1:dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMDEyMzQ=";
