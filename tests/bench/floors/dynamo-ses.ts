/** Floor of a function that reads the table and sends mail (the sweep worker, the digest): DynamoDB and SES v2, one command each. */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

const dynamo = new DynamoDBClient({});
const ses = new SESv2Client({});

export const handler = async () => {
  await dynamo.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
  await ses.send(
    new SendEmailCommand({ FromEmailAddress: 'a@b.example', Destination: { ToAddresses: ['c@d.example'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }),
  );
};
