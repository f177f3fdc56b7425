"""What a deployment uses: the interaction models' generator, publishing, icons and the Lambda builder.

Local tools (make chat, make replay, DynamoDB Local, the test envelopes) live in devtools/.
"""
