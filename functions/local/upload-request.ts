/** The API request the upload page makes (POST /api/uploads), as an event for the api handler: the demo year and the simulation hand in evidence this way. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export function uploadRequestEvent(token: string, at: Date, body: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/uploads',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    // Why the request time: it is the clock of the call, which the demo and the simulation set.
    requestContext: { http: { method: 'POST', path: '/api/uploads' }, timeEpoch: at.getTime() } as APIGatewayProxyEventV2['requestContext'],
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}
