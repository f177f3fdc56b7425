"""The couple store on DynamoDB."""
