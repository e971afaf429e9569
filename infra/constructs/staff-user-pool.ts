import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The shop's staff: a Cognito user pool with a `staff` group, no self sign-up, MFA required,
 * threat protection on.
 * The counter app signs in with SRP and sends the access token; the API's authorizer verifies it.
 */
export const STAFF_GROUP = 'staff';

export class StaffUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.NONE, // the shop's admin resets a clerk's password in person
      // Threat protection (compromised credentials, risky sign-ins) costs cents for a handful of clerks.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new UserPoolGroup(this, 'StaffGroup', { userPool: this.userPool, groupName: STAFF_GROUP, description: 'Counter staff' });
    this.client = this.userPool.addClient('CounterApp', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // The authorizer checks an access token offline (signature, issuer, expiry), so a token already
      // issued stays good after the clerk is disabled or signed out: the hour bounds that window. The
      // counter app renews it with the refresh token, which covers a shift and which sign-out revokes.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // AdminUserGlobalSignOut and RevokeToken invalidate refresh tokens only if revocation is on.
      enableTokenRevocation: true,
    });
  }
}
