// Imported first by the CLI: the AWS SDK's Node-version notice would be printed on the console's
// screen (stderr) every start; the SDK version is pinned by the lockfile, so it is only noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
