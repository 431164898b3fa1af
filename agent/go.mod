module assetronics.dev/agent

go 1.19
