package trainingjobtest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/trainingjob-go/trainingjob"
)

// DefaultMaxResults is the page size of ListTrainingJobs when the request
// gives no MaxResults, as the service's.
const DefaultMaxResults = 10

// listToken is what an opaque NextToken holds: the sort that produced the
// page and the sort key of the page's last job. The next page starts after
// that key, so jobs created between calls neither shift nor repeat the jobs
// already listed.
type listToken struct {
	V       int    `json:"v"`
	SortBy  string `json:"b"`
	Order   string `json:"o"`
	Key     string `json:"k"`
	Created int64  `json:"c"`
	Name    string `json:"n"`
}

type listRow struct {
	key     string
	created time.Time
	name    string
	job     trainingjob.TrainingJob
}

// ListTrainingJobs lists the jobs as they are at the fake's current time,
// jobs being deleted included. Filters: StatusEquals; NameContains (without
// regard to case); CreationTimeAfter/Before and LastModifiedTimeAfter/Before
// (strictly after, strictly before). TrainingPlanArnEquals and
// WarmPoolStatusEquals match no job, since the fake's jobs have neither.
// SortBy is Name, CreationTime (the default) or Status, SortOrder Ascending
// or Descending (the default); ties are broken by creation time, then name,
// in the same order. MaxResults is 1 to 100, DefaultMaxResults when absent.
// NextToken is opaque; paging stays consistent while jobs are created
// between pages. A token from a different sort, or not from the fake, is a
// ValidationException.
func (f *Fake) ListTrainingJobs(ctx context.Context, params *sagemaker.ListTrainingJobsInput, optFns ...func(*sagemaker.Options)) (*sagemaker.ListTrainingJobsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.Now()
	in := copyListInput(params)
	out, err := f.list(copyListInput(params), now)
	f.record("ListTrainingJobs", "", now, in, err)
	return out, err
}

func (f *Fake) list(in *sagemaker.ListTrainingJobsInput, now time.Time) (*sagemaker.ListTrainingJobsOutput, error) {
	if in == nil {
		in = &sagemaker.ListTrainingJobsInput{}
	}
	var problems []string
	max := int32(DefaultMaxResults)
	if in.MaxResults != nil {
		max = *in.MaxResults
		if max < 1 || max > 100 {
			problems = append(problems, fmt.Sprintf("MaxResults: out of range: %d: must be between 1 and 100", max))
		}
	}
	if p := in.NameContains; p != nil && (len(*p) > 63 || *p != "" && !nameContainsPattern.MatchString(*p)) {
		problems = append(problems, fmt.Sprintf("NameContains: invalid: %q: must match the pattern [a-zA-Z0-9\\-]+ and have at most 63 characters", *p))
	}
	if s := in.StatusEquals; s != "" && !containsValue(s.Values(), s) {
		problems = append(problems, fmt.Sprintf("StatusEquals: not supported: %q", s))
	}
	sortBy, order := in.SortBy, in.SortOrder
	if sortBy == "" {
		sortBy = types.SortByCreationTime
	}
	if order == "" {
		order = types.SortOrderDescending
	}
	if !containsValue(sortBy.Values(), sortBy) {
		problems = append(problems, fmt.Sprintf("SortBy: not supported: %q: valid values: Name, CreationTime, Status", sortBy))
	}
	if !containsValue(order.Values(), order) {
		problems = append(problems, fmt.Sprintf("SortOrder: not supported: %q: valid values: Ascending, Descending", order))
	}
	var after *listToken
	if tok := aws.ToString(in.NextToken); tok != "" {
		t, ok := decodeToken(tok)
		switch {
		case !ok:
			problems = append(problems, "NextToken: invalid: the token was not issued by ListTrainingJobs")
		case t.SortBy != string(sortBy) || t.Order != string(order):
			problems = append(problems, "NextToken: invalid: the token belongs to a listing sorted differently")
		default:
			after = &t
		}
	}
	if len(problems) > 0 {
		return nil, validationFailure(problems...)
	}

	var rows []listRow
	var nameContains string
	if in.NameContains != nil {
		nameContains = strings.ToLower(*in.NameContains)
	}
	for key, j := range f.jobs {
		if f.gone(j, now) {
			delete(f.jobs, key)
			continue
		}
		if !strings.Contains(key, nameContains) {
			continue // the key is the lower-cased name: skip the view
		}
		job := f.view(j, now)
		if !matches(in, &job) {
			continue
		}
		row := listRow{created: job.CreationTime, name: job.TrainingJobName, job: job}
		switch sortBy {
		case types.SortByName:
			row.key = job.TrainingJobName
		case types.SortByStatus:
			row.key = string(job.TrainingJobStatus)
		}
		rows = append(rows, row)
	}
	desc := order == types.SortOrderDescending
	less := func(a, b *listRow) bool {
		c := compareRows(a, b)
		if desc {
			return c > 0
		}
		return c < 0
	}
	sort.Slice(rows, func(a, b int) bool { return less(&rows[a], &rows[b]) })
	if after != nil {
		mark := listRow{key: after.Key, created: time.UnixMilli(after.Created).UTC(), name: after.Name}
		i := sort.Search(len(rows), func(i int) bool { return less(&mark, &rows[i]) })
		rows = rows[i:]
	}
	out := &sagemaker.ListTrainingJobsOutput{TrainingJobSummaries: []types.TrainingJobSummary{}}
	page := rows
	if len(page) > int(max) {
		page = page[:max]
		last := page[len(page)-1]
		out.NextToken = aws.String(encodeToken(listToken{V: 1, SortBy: string(sortBy), Order: string(order),
			Key: last.key, Created: last.created.UnixMilli(), Name: last.name}))
	}
	for i := range page {
		out.TrainingJobSummaries = append(out.TrainingJobSummaries, summary(&page[i].job))
	}
	return out, nil
}

func compareRows(a, b *listRow) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	if c := a.created.Compare(b.created); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

func matches(in *sagemaker.ListTrainingJobsInput, j *trainingjob.TrainingJob) bool {
	switch {
	case in.StatusEquals != "" && string(in.StatusEquals) != string(j.TrainingJobStatus):
		return false
	case in.NameContains != nil && !strings.Contains(strings.ToLower(j.TrainingJobName), strings.ToLower(*in.NameContains)):
		return false
	case in.CreationTimeAfter != nil && !j.CreationTime.After(*in.CreationTimeAfter):
		return false
	case in.CreationTimeBefore != nil && !j.CreationTime.Before(*in.CreationTimeBefore):
		return false
	case in.LastModifiedTimeAfter != nil && !j.LastModifiedTime.After(*in.LastModifiedTimeAfter):
		return false
	case in.LastModifiedTimeBefore != nil && !j.LastModifiedTime.Before(*in.LastModifiedTimeBefore):
		return false
	case aws.ToString(in.TrainingPlanArnEquals) != "", in.WarmPoolStatusEquals != "":
		return false
	}
	return true
}

func summary(j *trainingjob.TrainingJob) types.TrainingJobSummary {
	s := types.TrainingJobSummary{
		TrainingJobName:   aws.String(j.TrainingJobName),
		TrainingJobArn:    aws.String(j.TrainingJobArn),
		CreationTime:      aws.Time(j.CreationTime),
		TrainingJobStatus: types.TrainingJobStatus(j.TrainingJobStatus),
		SecondaryStatus:   types.SecondaryStatus(j.SecondaryStatus),
	}
	if !j.LastModifiedTime.IsZero() {
		s.LastModifiedTime = aws.Time(j.LastModifiedTime)
	}
	if !j.TrainingEndTime.IsZero() {
		s.TrainingEndTime = aws.Time(j.TrainingEndTime)
	}
	if w := j.WarmPoolStatus; w != nil {
		s.WarmPoolStatus = trainingjob.TrainingJob{WarmPoolStatus: w}.Clone().WarmPoolStatus
	}
	return s
}

func encodeToken(t listToken) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s string) (listToken, bool) {
	var t listToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.V != 1 {
		return listToken{}, false
	}
	return t, true
}

func containsValue[T comparable](values []T, v T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}
