/** Floor of the scheduled sweep (it lists calendars and queues orders): DynamoDB and SQS, one command each. */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});

export const handler = async () => {
  await dynamo.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: 'https://sqs.example/q', Entries: [{ Id: '0', MessageBody: '{}' }] }));
};
