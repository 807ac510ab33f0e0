module github.com/trainingjob-go/trainingjob

go 1.24

require (
	github.com/aws/aws-sdk-go-v2 v1.47.6
	github.com/aws/aws-sdk-go-v2/service/sagemaker v1.286.1
	github.com/aws/smithy-go v1.28.8
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/aws/aws-sdk-go-v2/internal/configsources v1.5.9 // indirect
	github.com/aws/aws-sdk-go-v2/internal/endpoints/v2 v2.8.9 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
