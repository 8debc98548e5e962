/**
 * Floor of the API: DynamoDB, S3 with presigned URLs, Lambda (to start runs) and SES v2 (the review
 * route's rejection notice), each sending one command.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const dynamo = new DynamoDBClient({});
const s3 = new S3Client({});
const lambda = new LambdaClient({});
const ses = new SESv2Client({});

export const handler = async () => {
  await dynamo.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'x' } } }));
  await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 });
  await lambda.send(new InvokeCommand({ FunctionName: 'f', InvocationType: 'Event' }));
  await ses.send(
    new SendEmailCommand({ FromEmailAddress: 'a@b.example', Destination: { ToAddresses: ['c@d.example'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }),
  );
};
