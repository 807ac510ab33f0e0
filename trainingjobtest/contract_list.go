package trainingjobtest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// listPageCut checks that ListTrainingJobs cuts a page before StatusEquals
// filters it, as the API reference documents
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html):
// with MaxResults 1, the page of a job of another status is empty and a
// NextToken leads on to the jobs of the status asked for. It also checks
// that MaxResults out of 1..100 and a NextToken the service never issued
// are ValidationExceptions.
func (s *suite) listPageCut() {
	s.makeJobs("cut-a", "cut-b", "cut-c")
	if _, err := s.c.StopTrainingJob(s.ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("cut-b")}); err != nil {
		s.t.Fatalf("StopTrainingJob: %v", err)
	}
	in := &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(1), SortBy: types.SortByCreationTime,
		SortOrder: types.SortOrderAscending, StatusEquals: types.TrainingJobStatusInProgress}
	var pages [][]string
	for {
		if len(pages) > 10 {
			s.t.Fatal("ListTrainingJobs never stopped returning a NextToken")
		}
		out, err := s.c.ListTrainingJobs(s.ctx, in)
		if err != nil {
			s.t.Fatalf("ListTrainingJobs page %d: %v", len(pages), err)
		}
		page := []string{}
		for _, sum := range out.TrainingJobSummaries {
			page = append(page, aws.ToString(sum.TrainingJobName))
		}
		pages = append(pages, page)
		if aws.ToString(out.NextToken) == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(pages) < 3 || len(pages[1]) != 0 {
		s.t.Errorf("MaxResults 1 with StatusEquals InProgress gave pages %q; want the stopped job's page (the second) empty, with a NextToken after it", pages)
	}
	var all []string
	for _, p := range pages {
		all = append(all, p...)
	}
	s.expectNames("StatusEquals InProgress, one job a page", all, "cut-a", "cut-c")

	for _, n := range []int32{0, 101} {
		_, err := s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(n)})
		s.expectCode("ListTrainingJobs with MaxResults out of 1..100", err, CodeValidationException)
	}
	_, err := s.c.ListTrainingJobs(s.ctx, &sagemaker.ListTrainingJobsInput{NextToken: aws.String("bm90LWEtdG9rZW4=")})
	s.expectCode("ListTrainingJobs with a NextToken the service never issued", err, CodeValidationException)
}
