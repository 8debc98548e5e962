/** Floor of a function that reads the table and the evidence bucket (s3-event, reconcile): DynamoDB and S3, one command each. */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const dynamo = new DynamoDBClient({});
const s3 = new S3Client({});

export const handler = async () => {
  await dynamo.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
  await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
};
