#include "ui/lessons/mixture1d/mixture1ddocument.h"

#include "ui/modelstore.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>

namespace ds::ui {

namespace {

// The one cell (row * 3 + column) in which two tables of the same size differ, or -1.
int changedCell(const std::vector<Component1D>& a, const std::vector<Component1D>& b) {
  if (a.size() != b.size()) return -1;
  int cell = -1;
  for (size_t r = 0; r < a.size(); ++r) {
    const double x[3] = {a[r].weight, a[r].mean, a[r].std};
    const double y[3] = {b[r].weight, b[r].mean, b[r].std};
    for (int c = 0; c < 3; ++c) {
      if (x[c] == y[c]) continue;
      if (cell >= 0) return -1;
      cell = static_cast<int>(r) * 3 + c;
    }
  }
  return cell;
}

}  // namespace

// One edit of the mixture table. Stepping one spin box with its arrows merges into a single step
// (as TrainDrawing's stroke command does), so undo goes back to the value before the edit.
class SetComponents1DCommand : public QUndoCommand {
 public:
  SetComponents1DCommand(Mixture1DDocument* doc, std::vector<Component1D> before, std::vector<Component1D> after)
      : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_cell(changedCell(m_before, m_after)) {
    setText(m_before.size() == m_after.size() ? QObject::tr("Edit mixture component")
                                              : QObject::tr("Add or remove mixture component"));
  }
  void undo() override { m_doc->applyComponents(m_before); }
  void redo() override { m_doc->applyComponents(m_after); }
  int id() const override { return 1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* o = static_cast<const SetComponents1DCommand*>(other);
    if (m_cell < 0 || o->m_cell != m_cell) return false;
    m_after = o->m_after;
    return true;
  }

 private:
  Mixture1DDocument* m_doc;
  std::vector<Component1D> m_before, m_after;
  int m_cell;
};

Mixture1DDocument::Mixture1DDocument(QObject* parent)
    : QObject(parent), m_components(lectureComponents()), m_undo(new QUndoStack(this)) {}

Mixture1DDocument::~Mixture1DDocument() = default;

std::vector<Component1D> Mixture1DDocument::lectureComponents() {
  return fromMixture(GaussianMixture::lectureBimodal());
}

GaussianMixture Mixture1DDocument::toMixture(const std::vector<Component1D>& components) {
  std::vector<GaussianComponent> cs;
  for (const auto& r : components) cs.push_back(GaussianComponent{r.weight, {r.mean}, r.std});
  return GaussianMixture(std::move(cs));
}

std::vector<Component1D> Mixture1DDocument::fromMixture(const GaussianMixture& mixture) {
  std::vector<Component1D> rows;
  for (const auto& c : mixture.components()) rows.push_back({c.weight, c.mean.at(0), c.std});
  return rows;
}

void Mixture1DDocument::setComponents(const std::vector<Component1D>& components) {
  if (components == m_components || components.empty()) return;
  m_undo->push(new SetComponents1DCommand(this, m_components, components));
}

void Mixture1DDocument::resetToLectureExample() { setComponents(lectureComponents()); }

void Mixture1DDocument::applyComponents(const std::vector<Component1D>& components) {
  m_components = components;
  Q_EMIT mixtureChanged();
  if (!isLocked()) Q_EMIT chainsChanged();
}

void Mixture1DDocument::setScheduleKind(ScheduleKind kind) {
  if (kind == m_schedule.kind) return;
  m_schedule.kind = kind;
  Q_EMIT scheduleChanged();
  if (!isLocked()) Q_EMIT chainsChanged();
}

void Mixture1DDocument::setSteps(int steps) {
  if (steps == m_schedule.steps) return;
  m_schedule.steps = steps;
  Q_EMIT scheduleChanged();
  if (!isLocked()) Q_EMIT chainsChanged();
}

void Mixture1DDocument::setParticles(int n) {
  if (n == m_particles) return;
  m_particles = n;
  Q_EMIT samplingChanged();
  Q_EMIT chainsChanged();
}

void Mixture1DDocument::setSeed(std::uint64_t seed) {
  if (seed == m_seed) return;
  m_seed = seed;
  Q_EMIT samplingChanged();
  Q_EMIT chainsChanged();
}

void Mixture1DDocument::setPosteriorXt(double xt) {
  if (xt == m_xt) return;
  m_xt = xt;
  Q_EMIT probeChanged();
}

void Mixture1DDocument::setJump(int k) {
  k = std::max(1, k);
  if (k == m_jump) return;
  m_jump = k;
  Q_EMIT probeChanged();
}

void Mixture1DDocument::setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture) {
  if (model == m_learned) return;
  const bool sameSetting = model && m_learned && model->schedule.kind == m_learned->schedule.kind &&
                           model->schedule.steps == m_learned->schedule.steps &&
                           mixture.toSpec() == m_learnedMixture.toSpec();
  m_learned = std::move(model);
  m_learnedMixture = m_learned ? mixture : GaussianMixture();
  if (sameSetting) {
    Q_EMIT modelSnapshotChanged();
    return;
  }
  Q_EMIT mixtureChanged();
  Q_EMIT scheduleChanged();
  Q_EMIT denoiserChanged();
  Q_EMIT chainsChanged();
}

GaussianMixture Mixture1DDocument::mixture() const { return m_learned ? m_learnedMixture : toMixture(m_components); }

ScheduleSpec Mixture1DDocument::effectiveSchedule() const { return m_learned ? m_learned->schedule : m_schedule; }

Mixture1DSnapshot Mixture1DDocument::snapshot() const {
  Mixture1DSnapshot s;
  s.data = mixture();
  s.schedule = effectiveSchedule();
  s.particles = m_particles;
  s.seed = m_seed;
  s.xt = m_xt;
  s.jump = m_jump;
  s.learned = m_learned;
  return s;
}

}  // namespace ds::ui
