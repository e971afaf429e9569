// Keep test output readable; the log test raises the level itself.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_REGION ??= 'eu-north-1';
// Never real AWS: whatever profile the machine has, the SDK gets dummy credentials, and Step Functions
// an address where nothing listens unless a test starts the local one.
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
process.env.SFN_ENDPOINT = 'http://127.0.0.1:9';
// Sign-in code answers are padded to a floor in production; tests prove the padding with a recorder instead of waiting.
process.env.SIGN_IN_ANSWER_FLOOR_MS = '0';
