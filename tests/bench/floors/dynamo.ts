/** Floor of a function whose job needs DynamoDB alone (materialise, bounces): the client, one command. */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});

export const handler = async () => {
  await dynamo.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
};
