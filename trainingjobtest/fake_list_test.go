package trainingjobtest_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/trainingjob-go/trainingjob/trainingjobtest"
)

// listPage is one ListTrainingJobs page, reduced to names and whether a
// token followed.
type listPage struct {
	names []string
	more  bool
}

func listPages(t *testing.T, f *trainingjobtest.Fake, in *sagemaker.ListTrainingJobsInput) []listPage {
	t.Helper()
	var pages []listPage
	for i := 0; ; i++ {
		require.Less(t, i, 1000, "ListTrainingJobs never stops returning a NextToken")
		out, err := f.ListTrainingJobs(context.Background(), in)
		require.NoError(t, err)
		p := listPage{names: []string{}, more: out.NextToken != nil}
		for _, s := range out.TrainingJobSummaries {
			p.names = append(p.names, aws.ToString(s.TrainingJobName))
		}
		pages = append(pages, p)
		if out.NextToken == nil {
			return pages
		}
		in.NextToken = out.NextToken
	}
}

// fiveJobs makes five jobs a minute apart and stops job-2 and job-4, so
// that they show Stopping while the others are InProgress.
func fiveJobs(t *testing.T) *trainingjobtest.Fake {
	t.Helper()
	f := trainingjobtest.NewFake()
	for i := 1; i <= 5; i++ {
		fkCreate(t, f, fkRequest(fmt.Sprintf("job-%d", i)))
		f.Advance(time.Minute)
	}
	for _, n := range []string{"job-2", "job-4"} {
		_, err := f.StopTrainingJob(context.Background(), &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String(n)})
		require.NoError(t, err)
	}
	return f
}

// The page is cut before StatusEquals and NameContains filter it: a page
// can be empty while a NextToken follows, as the API reference documents
// for StatusEquals and real responses show for NameContains. The time
// filters apply before the cut.
func TestListCutsThePageBeforeFiltering(t *testing.T) {
	t.Parallel()
	asc := types.SortOrderAscending
	start := trainingjobtest.DefaultFakeStart()
	for _, tc := range []struct {
		name string
		in   sagemaker.ListTrainingJobsInput
		want []listPage
	}{
		{"StatusEquals, MaxResults 2", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortOrder: asc, StatusEquals: types.TrainingJobStatusStopping},
			[]listPage{{[]string{"job-2"}, true}, {[]string{"job-4"}, true}, {[]string{}, false}}},
		{"StatusEquals, MaxResults 1", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(1), SortOrder: asc, StatusEquals: types.TrainingJobStatusStopping},
			[]listPage{{[]string{}, true}, {[]string{"job-2"}, true}, {[]string{}, true}, {[]string{"job-4"}, true}, {[]string{}, false}}},
		{"StatusEquals, newest first by default", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(3), StatusEquals: types.TrainingJobStatusInProgress},
			[]listPage{{[]string{"job-5", "job-3"}, true}, {[]string{"job-1"}, false}}},
		{"NameContains", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortOrder: asc, NameContains: aws.String("JOB-5")},
			[]listPage{{[]string{}, true}, {[]string{}, true}, {[]string{"job-5"}, false}}},
		{"NameContains and StatusEquals, by name", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(4), SortBy: types.SortByName,
			SortOrder: types.SortOrderDescending, NameContains: aws.String("job"), StatusEquals: types.TrainingJobStatusInProgress},
			[]listPage{{[]string{"job-5", "job-3"}, true}, {[]string{"job-1"}, false}}},
		{"WarmPoolStatusEquals: jobs without a warm pool never match", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(3), WarmPoolStatusEquals: types.WarmPoolResourceStatusAvailable},
			[]listPage{{[]string{}, true}, {[]string{}, false}}},
		{"by status, ascending", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortBy: types.SortByStatus, SortOrder: asc},
			[]listPage{{[]string{"job-1", "job-3"}, true}, {[]string{"job-5", "job-2"}, true}, {[]string{"job-4"}, false}}},
		{"by status, descending", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(3), SortBy: types.SortByStatus, SortOrder: types.SortOrderDescending},
			[]listPage{{[]string{"job-4", "job-2", "job-5"}, true}, {[]string{"job-3", "job-1"}, false}}},
		{"CreationTimeAfter before the cut", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortOrder: asc,
			CreationTimeAfter: aws.Time(start.Add(90 * time.Second))},
			[]listPage{{[]string{"job-3", "job-4"}, true}, {[]string{"job-5"}, false}}},
		{"CreationTimeAfter is strict", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(10),
			CreationTimeAfter: aws.Time(start.Add(3 * time.Minute))},
			[]listPage{{[]string{"job-5"}, false}}},
		{"CreationTimeBefore, newest first", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2),
			CreationTimeBefore: aws.Time(start.Add(2 * time.Minute))},
			[]listPage{{[]string{"job-2", "job-1"}, false}}},
		{"a creation range, by name", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(1), SortBy: types.SortByName, SortOrder: asc,
			CreationTimeAfter: aws.Time(start), CreationTimeBefore: aws.Time(start.Add(3 * time.Minute))},
			[]listPage{{[]string{"job-2"}, true}, {[]string{"job-3"}, false}}},
		// At the fake's time, start+5m, job-1 trains since +3m and job-5
		// starts since +4m; the others changed at +5m.
		{"LastModifiedTimeBefore before the cut", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(1), SortOrder: asc,
			LastModifiedTimeBefore: aws.Time(start.Add(5 * time.Minute))},
			[]listPage{{[]string{"job-1"}, true}, {[]string{"job-5"}, false}}},
		{"LastModifiedTimeAfter before the cut", sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2),
			LastModifiedTimeAfter: aws.Time(start.Add(3 * time.Minute))},
			[]listPage{{[]string{"job-5", "job-4"}, true}, {[]string{"job-3", "job-2"}, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fiveJobs(t)
			in := tc.in
			assert.Equal(t, tc.want, listPages(t, f, &in))
		})
	}
}

// Statuses change as the jobs' scenarios unfold, and the status order and
// StatusEquals follow without any call touching the jobs.
func TestListFollowsStatusChanges(t *testing.T) {
	t.Parallel()
	f := fiveJobs(t)
	all := func(in sagemaker.ListTrainingJobsInput) []string {
		var names []string
		for _, p := range listPages(t, f, &in) {
			names = append(names, p.names...)
		}
		return names
	}
	byStatus := sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortBy: types.SortByStatus, SortOrder: types.SortOrderAscending}
	require.Equal(t, []string{"job-1", "job-3", "job-5", "job-2", "job-4"}, all(byStatus))

	f.Advance(trainingjobtest.DefaultPhases().Stopping) // the stopped jobs are Stopped now
	assert.Equal(t, []string{"job-1", "job-3", "job-5", "job-2", "job-4"}, all(byStatus))
	assert.Equal(t, []string{"job-4", "job-2"}, all(sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusStopped}))
	assert.Empty(t, all(sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusStopping}))

	f.Advance(24 * time.Hour) // the others completed
	assert.Equal(t, []string{"job-1", "job-3", "job-5", "job-2", "job-4"}, all(byStatus), "Completed sorts before Stopped")
	assert.Equal(t, []string{"job-5", "job-3", "job-1"}, all(sagemaker.ListTrainingJobsInput{StatusEquals: types.TrainingJobStatusCompleted}))

	// A deleted job shows Deleting, then it is gone from every order.
	_, err := f.DeleteTrainingJob(context.Background(), &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("job-1")})
	require.NoError(t, err)
	assert.Equal(t, []string{"job-3", "job-5", "job-1", "job-2", "job-4"}, all(byStatus), "Deleting sorts between Completed and Stopped")
	f.Advance(trainingjobtest.DefaultDeletingFor)
	for _, sortBy := range types.SortBy("").Values() {
		assert.NotContains(t, all(sagemaker.ListTrainingJobsInput{SortBy: sortBy}), "job-1", "sorted by %s", sortBy)
	}
}

// The members are checked as the service checks them, in its words.
func TestListValidation(t *testing.T) {
	t.Parallel()
	f := trainingjobtest.NewFake()
	long := strings.Repeat("a", 64)
	for _, tc := range []struct {
		name string
		in   *sagemaker.ListTrainingJobsInput
		want string
	}{
		{"MaxResults 0", &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(0)},
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"MaxResults 101", &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(101)},
			"1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"NameContains too long", &sagemaker.ListTrainingJobsInput{NameContains: aws.String(long)},
			"1 validation error detected: Value '" + long + "' at 'nameContains' failed to satisfy constraint: Member must have length less than or equal to 63"},
		{"NameContains pattern", &sagemaker.ListTrainingJobsInput{NameContains: aws.String("a_b")},
			`1 validation error detected: Value 'a_b' at 'nameContains' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9\-]+`},
		{"SortBy", &sagemaker.ListTrainingJobsInput{SortBy: "Size"},
			"1 validation error detected: Value 'Size' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime, Status]"},
		{"several", &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(-1), SortOrder: "Up", StatusEquals: "Running"},
			"3 validation errors detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value 'Up' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]; " +
				"Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [InProgress, Completed, Failed, Stopping, Stopped, Deleting]"},
		{"NextToken too long", &sagemaker.ListTrainingJobsInput{NextToken: aws.String(strings.Repeat("A", 8193))},
			"at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 8192"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ListTrainingJobs(context.Background(), tc.in)
			msg := fkAPIError(t, err, trainingjobtest.CodeValidationException)
			if strings.HasPrefix(tc.want, "1 ") || strings.HasPrefix(tc.want, "3 ") {
				assert.Equal(t, tc.want, msg)
			} else {
				assert.Contains(t, msg, tc.want)
			}
		})
	}
	for _, ok := range []*sagemaker.ListTrainingJobsInput{
		{MaxResults: aws.Int32(1)}, {MaxResults: aws.Int32(100)}, {NameContains: aws.String(long[:63])}, {NameContains: aws.String("")},
	} {
		_, err := f.ListTrainingJobs(context.Background(), ok)
		assert.NoError(t, err)
	}
}

// A NextToken is opaque: one the fake did not issue, one altered, or one
// from a listing sorted differently is refused; a good one still works
// after the job it ends on is gone.
func TestListNextToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := trainingjobtest.NewFake()
	for i := 0; i < 4; i++ {
		fkCreate(t, f, fkRequest(fmt.Sprintf("tok-%d", i)))
		f.Advance(time.Second)
	}
	in := &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortBy: types.SortByName, SortOrder: types.SortOrderAscending}
	out, err := f.ListTrainingJobs(ctx, in)
	require.NoError(t, err)
	require.NotNil(t, out.NextToken)
	tok := *out.NextToken
	assert.NotContains(t, tok, "tok-1", "the token does not show the key it carries")
	raw, err := base64.StdEncoding.DecodeString(tok)
	require.NoError(t, err)
	raw[len(raw)/2] ^= 1
	flipped := base64.StdEncoding.EncodeToString(raw)

	other := trainingjobtest.NewFake()
	fkCreate(t, other, fkRequest("tok-0"))
	fkCreate(t, other, fkRequest("tok-1"))
	fkCreate(t, other, fkRequest("tok-2"))
	foreign, err := other.ListTrainingJobs(ctx, &sagemaker.ListTrainingJobsInput{MaxResults: aws.Int32(2), SortBy: types.SortByName, SortOrder: types.SortOrderAscending})
	require.NoError(t, err)
	require.NotNil(t, foreign.NextToken)

	for _, tc := range []struct {
		name string
		in   sagemaker.ListTrainingJobsInput
	}{
		{"not base64", sagemaker.ListTrainingJobsInput{NextToken: aws.String("not-a-token!")}},
		{"base64 of nothing we issued", sagemaker.ListTrainingJobsInput{NextToken: aws.String(base64.StdEncoding.EncodeToString([]byte(`{"b":"Name","o":"Ascending","n":"tok-1"}`)))}},
		{"altered", sagemaker.ListTrainingJobsInput{NextToken: aws.String(flipped), SortBy: types.SortByName, SortOrder: types.SortOrderAscending}},
		{"another fake's", sagemaker.ListTrainingJobsInput{NextToken: foreign.NextToken, SortBy: types.SortByName, SortOrder: types.SortOrderAscending}},
		{"another sort key", sagemaker.ListTrainingJobsInput{NextToken: aws.String(tok), SortBy: types.SortByCreationTime, SortOrder: types.SortOrderAscending}},
		{"another order", sagemaker.ListTrainingJobsInput{NextToken: aws.String(tok), SortBy: types.SortByName, SortOrder: types.SortOrderDescending}},
	} {
		_, err := f.ListTrainingJobs(ctx, &tc.in)
		assert.Equal(t, trainingjobtest.InvalidNextTokenMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException), tc.name)
	}

	// The job the token ends on finishes and is deleted: the next page
	// still starts after it.
	f.Advance(24 * time.Hour)
	_, err = f.DeleteTrainingJob(ctx, &sagemaker.DeleteTrainingJobInput{TrainingJobName: aws.String("tok-1")})
	require.NoError(t, err)
	f.Advance(trainingjobtest.DefaultDeletingFor)
	in.NextToken = aws.String(tok)
	next, err := f.ListTrainingJobs(ctx, in)
	require.NoError(t, err)
	var names []string
	for _, s := range next.TrainingJobSummaries {
		names = append(names, aws.ToString(s.TrainingJobName))
	}
	assert.Equal(t, []string{"tok-2", "tok-3"}, names)
	assert.Nil(t, next.NextToken)
}

// WithMaxInstances refuses a job that would take the running jobs past the
// limit, in the service's words; finished jobs free their instances.
func TestWithMaxInstances(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	one := func(name string) *sagemaker.CreateTrainingJobInput {
		in := fkRequest(name)
		in.ResourceConfig.InstanceCount = aws.Int32(1)
		return in
	}
	f := trainingjobtest.NewFake(trainingjobtest.WithMaxInstances(3))
	fkCreate(t, f, one("limit-1"))
	two := fkRequest("limit-2")
	two.ResourceConfig.InstanceCount = aws.Int32(2)
	fkCreate(t, f, two)

	_, err := f.CreateTrainingJob(ctx, one("limit-3"))
	var rle *types.ResourceLimitExceeded
	require.True(t, errors.As(err, &rle), "%v (%T)", err, err)
	assert.Equal(t, "ResourceLimitExceeded", rle.ErrorCode())
	assert.Equal(t, "The account-level service limit 'Number of instances across all training jobs' is 3 Instances, "+
		"with current utilization of 3 Instances and a request delta of 1 Instances. Please contact AWS support to request an increase for this limit.",
		rle.ErrorMessage())
	_, err = f.DescribeTrainingJob(ctx, &sagemaker.DescribeTrainingJobInput{TrainingJobName: aws.String("limit-3")})
	assert.Equal(t, trainingjobtest.NotFoundMessage, fkAPIError(t, err, trainingjobtest.CodeValidationException), "the refused job was not created")

	// A stopping job still holds its instances; a stopped one does not.
	_, err = f.StopTrainingJob(ctx, &sagemaker.StopTrainingJobInput{TrainingJobName: aws.String("limit-2")})
	require.NoError(t, err)
	_, err = f.CreateTrainingJob(ctx, one("limit-3"))
	require.True(t, errors.As(err, &rle), "%v", err)
	f.Advance(trainingjobtest.DefaultPhases().Stopping)
	fkCreate(t, f, one("limit-3"))
	fkCreate(t, f, one("limit-4"))
	_, err = f.CreateTrainingJob(ctx, one("limit-5"))
	require.True(t, errors.As(err, &rle), "%v", err)

	// Without the option there is no limit.
	free := trainingjobtest.NewFake()
	for i := 0; i < 20; i++ {
		fkCreate(t, free, fkRequest(fmt.Sprintf("free-%d", i)))
	}
}
