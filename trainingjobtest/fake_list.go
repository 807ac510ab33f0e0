package trainingjobtest

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
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

// InvalidNextTokenMessage is the message of the ValidationException for a
// NextToken that ListTrainingJobs did not issue, that was altered, or that
// belongs to a listing sorted differently.
//
// No public record of the service's own wording for a bad ListTrainingJobs
// token was found (searched: GitHub issues, the API reference, boto3 and
// CLI threads); the code, ValidationException, is the one the operation
// declares, and the sentence is ours.
const InvalidNextTokenMessage = "The provided NextToken is not valid."

// Constraints of the ListTrainingJobs request, from the API reference
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html).
const (
	listMaxResultsLimit   = 100
	listNameContainsMax   = 63
	listNameContainsRegex = `[a-zA-Z0-9\-]+`
	listNextTokenMax      = 8192
)

// InstanceLimitName is the quota WithMaxInstances enforces, named as the
// service names it in its ResourceLimitExceeded message.
const InstanceLimitName = "Number of instances across all training jobs"

// WithMaxInstances caps the instances the fake's running training jobs may
// hold at once, as the account-level quota of that name does: a
// CreateTrainingJob whose instances (ResourceConfig.InstanceCount, or the
// sum of its InstanceGroups, 1 when neither is given) would take the jobs
// that are InProgress or Stopping past n is refused with a
// *types.ResourceLimitExceeded. Finished jobs and jobs being deleted hold
// no instances. A value below 1, the default, means no limit.
//
// The service words the refusal as "The account-level service limit
// '<quota>' is N Instances, with current utilization of M Instances and a
// request delta of D Instances. Please contact AWS support to request an
// increase for this limit.", as quoted in
// https://github.com/data-science-on-aws/data-science-on-aws/issues/140,
// https://github.com/aws/amazon-sagemaker-examples/issues/1543 and
// https://github.com/gabehollombe-aws/jupyter-notebooks/issues/1; a new
// account's quota of instances across all training jobs is 4
// (https://github.com/awsdocs/amazon-sagemaker-developer-guide/issues/70).
func WithMaxInstances(n int) FakeOption {
	return func(f *Fake) { f.maxInstances = n }
}

// ListTrainingJobs lists the jobs as they are at the fake's current time,
// jobs being deleted included, one page at a time, as the service does:
//
//   - SortBy is Name, CreationTime (the default) or Status; SortOrder is
//     Ascending or Descending (the default, see below). Ties are broken by
//     creation time, then name, in the same order.
//   - The page is cut first: the MaxResults jobs (1 to 100,
//     DefaultMaxResults when absent) that follow the NextToken in the sort
//     order and match the time filters (CreationTimeAfter/Before,
//     LastModifiedTimeAfter/Before, strictly after and strictly before).
//   - Then StatusEquals, NameContains (without regard to case),
//     WarmPoolStatusEquals and TrainingPlanArnEquals filter that page, so a
//     page may hold fewer jobs than MaxResults, or none, while a NextToken
//     says more jobs follow. The fake's jobs have no warm pool status and
//     no training plan, so those two filters leave nothing.
//   - NextToken is opaque and tied to the sort; paging holds while jobs are
//     created, stopped or deleted between pages. A token the fake did not
//     issue, or from a differently sorted listing, is a
//     ValidationException with InvalidNextTokenMessage.
//
// Invalid members are a ValidationException listing each violation in the
// service's words ("Value '0' at 'maxResults' failed to satisfy
// constraint: ...").
//
// Cost: O(log n) to find where the page starts, plus the page, where n is
// the number of jobs; the status changes that fell due since the last call
// are applied first. The time filters may look at many jobs beyond the
// page (all of them, when few match), and LastModifiedTime filters compute
// each job they look at.
func (f *Fake) ListTrainingJobs(ctx context.Context, params *sagemaker.ListTrainingJobsInput, optFns ...func(*sagemaker.Options)) (*sagemaker.ListTrainingJobsOutput, error) {
	return do(f, ctx, "ListTrainingJobs", "", copyListInput(params), func(now time.Time) (*sagemaker.ListTrainingJobsOutput, error) {
		return f.list(copyListInput(params), now)
	})
}

// listToken is what a NextToken holds, sealed: the sort that produced the
// page and the sort key of the page's last job. The next page starts after
// that key, so jobs created between calls neither shift nor repeat the jobs
// already listed.
type listToken struct {
	SortBy  string `json:"b"`
	Order   string `json:"o"`
	Status  string `json:"s,omitempty"`
	Created int64  `json:"c"`
	Name    string `json:"n"`
}

// The service's default order. The reference contradicts itself: the
// SortOrder member says Ascending is the default, while the operation's
// note describes a call without SortOrder (aws sagemaker
// list-training-jobs --max-results 100 --status-equals InProgress) as
// selecting jobs "from the most current to the oldest"
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html).
// No public output of a call without SortOrder settles it (searched:
// GitHub issues, Stack Overflow and blog pages). The fake follows the
// note, which describes what a call returns rather than a member's
// default; treat the default order as unsettled and give SortOrder when
// the order matters.
const (
	defaultListSortBy = types.SortByCreationTime
	defaultListOrder  = types.SortOrderDescending
)

// checkList checks the request's members as the service does and returns
// the page size, sort key and order to use.
func checkList(in *sagemaker.ListTrainingJobsInput) (int, types.SortBy, types.SortOrder, error) {
	var vs []violation
	quote := func(s string) *string { return &s }
	max := DefaultMaxResults
	if in.MaxResults != nil {
		max = int(*in.MaxResults)
		switch v := quote(strconv.Itoa(max)); {
		case max < 1:
			vs = append(vs, violation{path: "maxResults", value: v, constraint: valueAtLeast(1)})
		case max > listMaxResultsLimit:
			vs = append(vs, violation{path: "maxResults", value: v, constraint: valueAtMost(listMaxResultsLimit)})
		}
	}
	if p := in.NameContains; p != nil {
		if len(*p) > listNameContainsMax {
			vs = append(vs, violation{path: "nameContains", value: p, constraint: lengthAtMost(listNameContainsMax)})
		}
		if *p != "" && !nameContainsPattern.MatchString(*p) {
			vs = append(vs, violation{path: "nameContains", value: p, constraint: matchesPattern(listNameContainsRegex)})
		}
	}
	if p := in.NextToken; p != nil && len(*p) > listNextTokenMax {
		vs = append(vs, violation{path: "nextToken", value: p, constraint: lengthAtMost(listNextTokenMax)})
	}
	sortBy, order := in.SortBy, in.SortOrder
	if sortBy == "" {
		sortBy = defaultListSortBy
	} else if !containsValue(sortBy.Values(), sortBy) {
		vs = append(vs, violation{path: "sortBy", value: quote(string(sortBy)), constraint: inEnumSet(enumStrings(sortBy.Values()))})
	}
	if order == "" {
		order = defaultListOrder
	} else if !containsValue(order.Values(), order) {
		vs = append(vs, violation{path: "sortOrder", value: quote(string(order)), constraint: inEnumSet(enumStrings(order.Values()))})
	}
	if s := in.StatusEquals; s != "" && !containsValue(s.Values(), s) {
		vs = append(vs, violation{path: "statusEquals", value: quote(string(s)), constraint: inEnumSet(enumStrings(s.Values()))})
	}
	if s := in.WarmPoolStatusEquals; s != "" && !containsValue(s.Values(), s) {
		vs = append(vs, violation{path: "warmPoolStatusEquals", value: quote(string(s)), constraint: inEnumSet(enumStrings(s.Values()))})
	}
	if len(vs) > 0 {
		return 0, "", "", violations(vs...)
	}
	return max, sortBy, order, nil
}

func enumStrings[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func (f *Fake) list(in *sagemaker.ListTrainingJobsInput, now time.Time) (*sagemaker.ListTrainingJobsOutput, error) {
	if in == nil {
		in = &sagemaker.ListTrainingJobsInput{}
	}
	max, sortBy, order, err := checkList(in)
	if err != nil {
		return nil, err
	}
	idx := f.catchUp(now)
	var mark *listEntry
	if tok := aws.ToString(in.NextToken); tok != "" {
		t, ok := idx.openToken(tok)
		if !ok || t.SortBy != string(sortBy) || t.Order != string(order) {
			return nil, apiError(CodeValidationException, InvalidNextTokenMessage)
		}
		mark = &listEntry{name: t.Name, created: time.Unix(0, t.Created).UTC(), status: trainingjob.Status(t.Status)}
	}
	desc := order == types.SortOrderDescending

	list := idx.byCreation
	switch sortBy {
	case types.SortByName:
		list = idx.byName
	case types.SortByStatus:
		list = idx.byStatus
	}
	node := startNode(list, mark, desc)
	// Sorted by creation time, the creation-time filters bound the walk.
	byCreation := sortBy == types.SortByCreationTime
	if byCreation {
		if desc && in.CreationTimeBefore != nil {
			node = laterNode(list, node, list.before(&listEntry{created: *in.CreationTimeBefore}), desc)
		}
		if !desc && in.CreationTimeAfter != nil {
			node = laterNode(list, node, list.after(&listEntry{created: *in.CreationTimeAfter, name: "\xff"}), desc)
		}
	}

	var page []*listEntry
	var views []trainingjob.TrainingJob
	more := false
	for ; node != nil; node = step(node, desc) {
		e := node.e
		idx.visited++
		if byCreation && (desc && in.CreationTimeAfter != nil && !e.created.After(*in.CreationTimeAfter) ||
			!desc && in.CreationTimeBefore != nil && !e.created.Before(*in.CreationTimeBefore)) {
			break
		}
		if in.CreationTimeAfter != nil && !e.created.After(*in.CreationTimeAfter) ||
			in.CreationTimeBefore != nil && !e.created.Before(*in.CreationTimeBefore) {
			continue
		}
		var view *trainingjob.TrainingJob
		if in.LastModifiedTimeAfter != nil || in.LastModifiedTimeBefore != nil {
			v := f.view(e.job, now)
			if in.LastModifiedTimeAfter != nil && !v.LastModifiedTime.After(*in.LastModifiedTimeAfter) ||
				in.LastModifiedTimeBefore != nil && !v.LastModifiedTime.Before(*in.LastModifiedTimeBefore) {
				continue
			}
			view = &v
		}
		if len(page) == max {
			more = true
			break
		}
		page = append(page, e)
		if view == nil {
			v := f.view(e.job, now)
			view = &v
		}
		views = append(views, *view)
	}

	out := &sagemaker.ListTrainingJobsOutput{TrainingJobSummaries: []types.TrainingJobSummary{}}
	for i := range views {
		if afterCut(in, &views[i]) {
			out.TrainingJobSummaries = append(out.TrainingJobSummaries, summary(&views[i]))
		}
	}
	if more {
		last := page[len(page)-1]
		t := listToken{SortBy: string(sortBy), Order: string(order), Created: last.created.UnixNano(), Name: last.name}
		if sortBy == types.SortByStatus {
			t.Status = string(last.status)
		}
		tok, err := idx.sealToken(t)
		if err != nil {
			return nil, fmt.Errorf("trainingjobtest: ListTrainingJobs: making the NextToken: %w", err)
		}
		out.NextToken = aws.String(tok)
	}
	return out, nil
}

// startNode is where a walk in the given direction starts: after mark, or
// at the first node when there is no mark.
func startNode(list *skipList, mark *listEntry, desc bool) *skipNode {
	switch {
	case mark == nil && desc:
		return list.last()
	case mark == nil:
		return list.first()
	case desc:
		return list.before(mark)
	}
	return list.after(mark)
}

// laterNode returns whichever of a and b comes later in the walk's
// direction; nil (the end) is the latest.
func laterNode(list *skipList, a, b *skipNode, desc bool) *skipNode {
	if a == nil || b == nil {
		return nil
	}
	c := list.cmp(a.e, b.e)
	if desc == (c < 0) {
		return a
	}
	return b
}

func step(n *skipNode, desc bool) *skipNode {
	if desc {
		return n.prev
	}
	return n.next[0]
}

// afterCut applies the filters the service applies to a page once it is
// cut. StatusEquals is documented so
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html:
// MaxResults jobs are taken ignoring StatusEquals, then filtered).
// NameContains is too, as real responses show: a first page with no
// summaries and a NextToken, the matching jobs on later pages
// (https://github.com/boto/boto3/issues/2838,
// https://github.com/boto/boto3/issues/3347; for ListModels the SDK team
// confirmed the service team knows of the behaviour,
// https://github.com/aws/aws-sdk/issues/701). WarmPoolStatusEquals and
// TrainingPlanArnEquals are equality filters like StatusEquals and are
// taken to behave as it does.
func afterCut(in *sagemaker.ListTrainingJobsInput, j *trainingjob.TrainingJob) bool {
	switch {
	case in.StatusEquals != "" && string(in.StatusEquals) != string(j.TrainingJobStatus):
		return false
	case in.NameContains != nil && !strings.Contains(strings.ToLower(j.TrainingJobName), strings.ToLower(*in.NameContains)):
		return false
	case in.WarmPoolStatusEquals != "" && (j.WarmPoolStatus == nil || j.WarmPoolStatus.Status != in.WarmPoolStatusEquals):
		return false
	case aws.ToString(in.TrainingPlanArnEquals) != "" && (j.ResourceConfig == nil || aws.ToString(j.ResourceConfig.TrainingPlanArn) != *in.TrainingPlanArnEquals):
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

// sealToken encrypts and authenticates the token with the fake's own key,
// so that a token is opaque (as the service's long base64 tokens are) and a
// forged or damaged one is recognised.
func (idx *listIndex) sealToken(t listToken) (string, error) {
	aead, err := idx.tokenCipher()
	if err != nil {
		return "", err
	}
	plain, err := json.Marshal(t)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(aead.Seal(nonce, nonce, plain, nil)), nil
}

func (idx *listIndex) openToken(s string) (listToken, bool) {
	aead, err := idx.tokenCipher()
	if err != nil {
		return listToken{}, false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) < aead.NonceSize() {
		return listToken{}, false
	}
	plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], nil)
	if err != nil {
		return listToken{}, false
	}
	var t listToken
	if json.Unmarshal(plain, &t) != nil {
		return listToken{}, false
	}
	return t, true
}

func (idx *listIndex) tokenCipher() (cipher.AEAD, error) {
	if idx.aead != nil {
		return idx.aead, nil
	}
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	idx.aead = aead
	return aead, nil
}

// nextStatusChange returns the first time after now at which the job's
// TrainingJobStatus differs from its status at now, as its scenario tells,
// or the zero time when it never changes again. It is the one place the
// listing index learns a job's future from the scenario engine.
func nextStatusChange(j *fakeJob, now time.Time) time.Time {
	return j.scenario.nextStatusChange(now)
}

// jobCreated returns the job's CreationTime, which never changes.
func jobCreated(j *fakeJob) time.Time { return j.scenario.Created }

// requestInstances returns how many instances the job's request asks for:
// ResourceConfig.InstanceCount, else the sum of its instance groups, else
// 1.
func requestInstances(req *trainingjob.TrainingJob) int {
	return instancesOf(req.ResourceConfig)
}

func instancesOf(rc *types.ResourceConfig) int {
	if rc == nil {
		return 1
	}
	if rc.InstanceCount != nil && *rc.InstanceCount > 0 {
		return int(*rc.InstanceCount)
	}
	n := 0
	for _, g := range rc.InstanceGroups {
		n += int(aws.ToInt32(g.InstanceCount))
	}
	if n < 1 {
		return 1
	}
	return n
}

// checkInstanceLimit refuses a create request that would take the running
// jobs past WithMaxInstances' limit.
func (f *Fake) checkInstanceLimit(in *sagemaker.CreateTrainingJobInput, now time.Time) error {
	if f.maxInstances < 1 {
		return nil
	}
	idx := f.catchUp(now)
	delta := instancesOf(in.ResourceConfig)
	if idx.active+delta <= f.maxInstances {
		return nil
	}
	return &types.ResourceLimitExceeded{Message: aws.String(fmt.Sprintf(
		"The account-level service limit '%s' is %d Instances, with current utilization of %d Instances and a request delta of %d Instances. Please contact AWS support to request an increase for this limit.",
		InstanceLimitName, f.maxInstances, idx.active, delta))}
}

func containsValue[T comparable](values []T, v T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}
