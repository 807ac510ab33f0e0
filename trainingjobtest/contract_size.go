package trainingjobtest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// repeatedUpdates sends the same UpdateTrainingJob, adding one profiler
// rule, more times than a job may have rules, and checks that the job has
// not grown with them: each rule configuration name appears at most once
// (the API reference requires the names to be unique:
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProfilerRuleConfiguration.html)
// and there are at most 20 (the limit of the DescribeTrainingJob response:
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html).
// Whether a repeat is refused or replaces the rule is left open, and so is
// whether the first update succeeds (a service may refuse the made-up
// evaluator image): what is checked is only that repeats do not pile up.
func (s *suite) repeatedUpdates() {
	const name = "contract-repeated-updates"
	s.createJob(name)
	in := &sagemaker.UpdateTrainingJobInput{
		TrainingJobName: aws.String(name),
		ProfilerRuleConfigurations: []types.ProfilerRuleConfiguration{{
			RuleConfigurationName: aws.String("contract-rule"),
			RuleEvaluatorImage:    aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/contract-rules:latest"),
			InstanceType:          types.ProcessingInstanceTypeMlT3Medium,
			VolumeSizeInGB:        aws.Int32(10),
		}},
	}
	for range 21 {
		// Errors are allowed: see the doc comment.
		_, _ = s.c.UpdateTrainingJob(s.ctx, in)
	}
	job := s.mustDescribe(name)
	count := map[string]int{}
	for _, r := range job.ProfilerRuleConfigurations {
		n := aws.ToString(r.RuleConfigurationName)
		if count[n]++; count[n] == 2 {
			s.t.Errorf("after repeated updates the job lists the rule configuration %q more than once", n)
		}
	}
	if len(job.ProfilerRuleConfigurations) > 20 {
		s.t.Errorf("after repeated updates the job has %d profiler rule configurations, more than 20", len(job.ProfilerRuleConfigurations))
	}
}
