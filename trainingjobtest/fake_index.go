package trainingjobtest

import (
	"container/heap"
	"crypto/cipher"
	"strings"
	"time"

	"github.com/trainingjob-go/trainingjob"
)

// The listing index keeps the fake's jobs in the three orders
// ListTrainingJobs sorts by, so that a call costs O(log n) to find where its
// page starts plus the page itself, not a sort of every job.
//
// Name and CreationTime never change, so their orders change only when a
// job is created or forgotten. A job's TrainingJobStatus changes as its
// scenario unfolds; the index keeps, for every job, the time its status
// next changes, in a min-heap, and applies the changes that are due at the
// start of each call that needs the statuses (catchUp). StopTrainingJob,
// UpdateTrainingJob and DeleteTrainingJob change a job's future and call
// reindex, which recomputes it at once.

// listEntry is what the index knows of one job.
type listEntry struct {
	job       *fakeJob
	key       string // the lower-cased name, the job's key in Fake.jobs
	name      string
	created   time.Time
	status    trainingjob.Status // as of the last catchUp or change
	instances int                // the job's instance count, for the instance limit
	gen       uint64             // bumped when the job's future changes; older heap entries are stale
	next      time.Time          // when status next changes; zero when never
}

// Comparisons of the three orders, ascending. Ties are broken by creation
// time, then name, so that every order is total (names are unique).
func compareByName(a, b *listEntry) int {
	if c := strings.Compare(a.name, b.name); c != 0 {
		return c
	}
	return a.created.Compare(b.created)
}

func compareByCreation(a, b *listEntry) int {
	if c := a.created.Compare(b.created); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

func compareByStatus(a, b *listEntry) int {
	if c := strings.Compare(string(a.status), string(b.status)); c != 0 {
		return c
	}
	return compareByCreation(a, b)
}

// skipMaxLevel bounds a skip list's height: with a quarter of the nodes
// promoted at each level, 16 levels serve 4^16 entries.
const skipMaxLevel = 16

type skipNode struct {
	e    *listEntry
	next []*skipNode
	prev *skipNode // the node before on level 0; nil for the first
}

// skipList is an ordered set of entries: insert, remove and seek in
// O(log n) expected, and iteration both ways from any node.
type skipList struct {
	cmp   func(a, b *listEntry) int
	head  skipNode
	tail  *skipNode
	level int
	n     int
	seed  uint64
	steps int // comparisons made, for tests that count work
}

func newSkipList(cmp func(a, b *listEntry) int) *skipList {
	s := &skipList{cmp: cmp, level: 1, seed: 0x9E3779B97F4A7C15}
	s.head.next = make([]*skipNode, skipMaxLevel)
	return s
}

func (s *skipList) randomLevel() int {
	x := s.seed
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	s.seed = x
	lvl := 1
	for lvl < skipMaxLevel && x&3 == 0 {
		lvl++
		x >>= 2
	}
	return lvl
}

// descend walks down from the head and fills update with, on every level,
// the last node whose entry compares below e (or not above it, when
// inclusive).
func (s *skipList) descend(e *listEntry, inclusive bool, update *[skipMaxLevel]*skipNode) *skipNode {
	x := &s.head
	for i := s.level - 1; i >= 0; i-- {
		for x.next[i] != nil {
			s.steps++
			c := s.cmp(x.next[i].e, e)
			if c > 0 || c == 0 && !inclusive {
				break
			}
			x = x.next[i]
		}
		if update != nil {
			update[i] = x
		}
	}
	return x
}

func (s *skipList) insert(e *listEntry) {
	var update [skipMaxLevel]*skipNode
	s.descend(e, false, &update)
	lvl := s.randomLevel()
	for ; s.level < lvl; s.level++ {
		update[s.level] = &s.head
	}
	n := &skipNode{e: e, next: make([]*skipNode, lvl)}
	for i := 0; i < lvl; i++ {
		n.next[i] = update[i].next[i]
		update[i].next[i] = n
	}
	if update[0] != &s.head {
		n.prev = update[0]
	}
	if n.next[0] != nil {
		n.next[0].prev = n
	} else {
		s.tail = n
	}
	s.n++
}

// remove takes e out of the list; e must compare as it did when inserted.
// It reports whether e was there.
func (s *skipList) remove(e *listEntry) bool {
	var update [skipMaxLevel]*skipNode
	s.descend(e, false, &update)
	n := update[0].next[0]
	if n == nil || n.e != e {
		return false
	}
	for i := 0; i < s.level; i++ {
		if update[i].next[i] == n {
			update[i].next[i] = n.next[i]
		}
	}
	if n.next[0] != nil {
		n.next[0].prev = n.prev
	} else {
		s.tail = n.prev
	}
	for s.level > 1 && s.head.next[s.level-1] == nil {
		s.level--
	}
	s.n--
	return true
}

// after returns the first node that compares above mark, or nil.
func (s *skipList) after(mark *listEntry) *skipNode {
	return s.descend(mark, true, nil).next[0]
}

// before returns the last node that compares below mark, or nil.
func (s *skipList) before(mark *listEntry) *skipNode {
	x := s.descend(mark, false, nil)
	if x == &s.head {
		return nil
	}
	return x
}

func (s *skipList) first() *skipNode { return s.head.next[0] }
func (s *skipList) last() *skipNode  { return s.tail }

// pendingChange is a job's next status change, as the heap keeps it.
type pendingChange struct {
	at  time.Time
	e   *listEntry
	gen uint64
}

type changeHeap []pendingChange

func (h changeHeap) Len() int           { return len(h) }
func (h changeHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h changeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *changeHeap) Push(x any)        { *h = append(*h, x.(pendingChange)) }
func (h *changeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// listIndex is the fake's listing index; the fake's lock guards it.
type listIndex struct {
	entries    map[string]*listEntry // by lower-cased name
	byName     *skipList
	byCreation *skipList
	byStatus   *skipList
	pending    changeHeap
	latest     time.Time   // the latest time a status was computed for; a call before it means the clock went back
	active     int         // instances of the jobs InProgress or Stopping
	visited    int         // entries a listing looked at, for tests that count work
	recomputed int         // statuses computed from scenarios, likewise
	aead       cipher.AEAD // seals the NextTokens; made on first use
}

func newListIndex() *listIndex {
	return &listIndex{
		entries:    map[string]*listEntry{},
		byName:     newSkipList(compareByName),
		byCreation: newSkipList(compareByCreation),
		byStatus:   newSkipList(compareByStatus),
	}
}

// index returns the fake's listing index, making it (from the jobs there
// are) on first use.
func (f *Fake) index(now time.Time) *listIndex {
	if f.listIdx == nil {
		f.listIdx = newListIndex()
		f.listIdx.latest = now
		for key, j := range f.jobs {
			f.addEntry(key, j, now)
		}
	}
	return f.listIdx
}

func isActive(s trainingjob.Status) bool {
	return s == trainingjob.StatusInProgress || s == trainingjob.StatusStopping
}

// listStatus is the job's TrainingJobStatus at now, as DescribeTrainingJob
// shows it.
func (f *Fake) listStatus(j *fakeJob, now time.Time) trainingjob.Status {
	f.listIdx.recomputed++
	if now.After(f.listIdx.latest) {
		f.listIdx.latest = now
	}
	if !j.deleted.IsZero() && !now.Before(j.deleted) {
		return trainingjob.StatusDeleting
	}
	return j.scenario.JobAt(now).TrainingJobStatus
}

// nextChange is when the index must look at the job again: its next status
// change, or, once deleted, when it is gone.
func (f *Fake) nextChange(j *fakeJob, now time.Time) time.Time {
	switch {
	case j.deleted.IsZero():
		return nextStatusChange(j, now)
	case now.Before(j.deleted): // the clock went back
		return j.deleted
	}
	return j.deleted.Add(f.deletingFor)
}

// addEntry indexes a job the index does not hold yet.
func (f *Fake) addEntry(key string, j *fakeJob, now time.Time) {
	idx := f.listIdx
	e := &listEntry{job: j, key: key, name: j.req.TrainingJobName, created: jobCreated(j), instances: requestInstances(&j.req)}
	idx.entries[key] = e
	e.status = f.listStatus(j, now)
	if isActive(e.status) {
		idx.active += e.instances
	}
	idx.byName.insert(e)
	idx.byCreation.insert(e)
	idx.byStatus.insert(e)
	f.schedule(e, now)
}

// schedule records when the entry's status next changes.
func (f *Fake) schedule(e *listEntry, now time.Time) {
	next := f.nextChange(e.job, now)
	if next.Equal(e.next) && !next.IsZero() && next.After(now) {
		return // the change already waiting in the heap is still the next one
	}
	e.gen++
	e.next = next
	if !e.next.IsZero() {
		heap.Push(&f.listIdx.pending, pendingChange{at: e.next, e: e, gen: e.gen})
	}
}

// restatus moves the entry to the status the job has at now, keeping the
// status order and the active instance count right.
func (f *Fake) restatus(e *listEntry, now time.Time) {
	idx := f.listIdx
	s := f.listStatus(e.job, now)
	if s == e.status {
		return
	}
	idx.byStatus.remove(e)
	if isActive(e.status) {
		idx.active -= e.instances
	}
	e.status = s
	if isActive(e.status) {
		idx.active += e.instances
	}
	idx.byStatus.insert(e)
}

// indexJob indexes a job CreateTrainingJob has just added to f.jobs.
func (f *Fake) indexJob(j *fakeJob, now time.Time) {
	idx := f.index(now)
	key := strings.ToLower(j.req.TrainingJobName)
	if old := idx.entries[key]; old != nil {
		f.unindex(old)
	}
	f.addEntry(key, j, now)
}

// reindex recomputes the job's status and its next change, after an
// operation changed its future (StopTrainingJob, UpdateTrainingJob,
// DeleteTrainingJob).
func (f *Fake) reindex(j *fakeJob, now time.Time) {
	idx := f.index(now)
	if e := idx.entries[strings.ToLower(j.req.TrainingJobName)]; e != nil && e.job == j {
		f.restatus(e, now)
		f.schedule(e, now)
	}
}

func (f *Fake) unindex(e *listEntry) {
	idx := f.listIdx
	idx.byName.remove(e)
	idx.byCreation.remove(e)
	idx.byStatus.remove(e)
	if isActive(e.status) {
		idx.active -= e.instances
	}
	e.gen++ // its heap entries are stale now
	delete(idx.entries, e.key)
}

// forget removes the job kept under key, whose deletion has finished, from
// the fake and from the index.
func (f *Fake) forget(key string) {
	if j := f.jobs[key]; j != nil {
		f.keepLogs(j)
	}
	delete(f.jobs, key)
	if f.listIdx != nil {
		if e := f.listIdx.entries[key]; e != nil {
			f.unindex(e)
		}
	}
}

// catchUp brings the index to now: it applies the status changes that are
// due and forgets the jobs whose deletion has finished. A clock that went
// back (which ManualClock refuses, but a Clock of the user's may do) makes
// it recompute every job.
func (f *Fake) catchUp(now time.Time) *listIndex {
	idx := f.index(now)
	if now.Before(idx.latest) {
		f.rebuild(now)
		return f.listIdx
	}
	idx.latest = now
	for len(idx.pending) > 0 && !idx.pending[0].at.After(now) {
		c := heap.Pop(&idx.pending).(pendingChange)
		e := c.e
		if c.gen != e.gen || idx.entries[e.key] != e {
			continue
		}
		if f.gone(e.job, now) {
			f.forget(e.key)
			continue
		}
		f.restatus(e, now)
		f.schedule(e, now)
	}
	return idx
}

// rebuild makes the index again from the jobs, as they are at now.
func (f *Fake) rebuild(now time.Time) {
	aead := f.listIdx.aead
	f.listIdx = nil
	for key, j := range f.jobs {
		if f.gone(j, now) {
			delete(f.jobs, key)
		}
	}
	f.index(now).aead = aead
}
