import { Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * A regional web ACL on the API's stage: AWS's common and known-bad-inputs rule groups, and a
 * rate-based rule per client IP on the sign-in routes, the only public routes that write and
 * send an SMS. Everything else is allowed through to the stage's throttling and the authorizer.
 */
/** In this order: decode first, so that an encoded capital is lower-cased too. */
export const SIGN_IN_PATH_TRANSFORMATIONS = ['URL_DECODE', 'LOWERCASE'] as const;

export type ApiFirewallProps = {
  stage: Stage;
  /** The stage's name as written in the stage config (the Stage's own is a token). */
  stageName: string;
  /** The path prefix of the sign-in routes, e.g. `/auth/`. */
  signInPathPrefix: string;
  signInRequestsPerIpPerFiveMinutes: number;
};

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const metric = (name: string) => ({ metricName: `${Stack.of(this).stackName}-${name}`.replace(/[^\w-]/g, ''), cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true });
    // WAF sees the path API Gateway received: with the stage in front on the invoke URL, without
    // it behind a custom domain's base path mapping. Either form is counted. WAF matches the raw
    // URI, while API Gateway decodes it before routing, so `/auth%2Fcode` or `/%61uth/code` would
    // reach the sign-in routes uncounted: the path is URL-decoded first, then lower-cased so that
    // no spelling of the prefix slips past the count (API Gateway's own paths are lower-case).
    const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix.toLowerCase(),
        textTransformations: SIGN_IN_PATH_TRANSFORMATIONS.map((type, priority) => ({ priority, type })),
      },
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('api'),
      rules: [
        {
          name: 'AwsCommon',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Blocks bodies over 8 KB; an order with many garments and their condition notes can
              // be larger, and the handler's schema bounds every field. Counted, so it still shows.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: metric('common'),
        },
        {
          name: 'AwsKnownBadInputs',
          priority: 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          visibilityConfig: metric('known-bad-inputs'),
        },
        {
          name: 'SignInPerIp',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.signInRequestsPerIpPerFiveMinutes,
              scopeDownStatement: {
                orStatement: { statements: [pathStartsWith(props.signInPathPrefix), pathStartsWith(`/${props.stageName}${props.signInPathPrefix}`)] },
              },
            },
          },
          visibilityConfig: metric('sign-in-per-ip'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.stage.stageArn, webAclArn: this.webAcl.attrArn });
  }
}
