#include "ui/lessons/mixture2d/mixture2ddocument.h"

#include "ui/coremessages.h"
#include "ui/modelstore.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <stdexcept>

namespace ds::ui {

// One accepted mixture spec (typed, or a preset).
class SetMixture2DCommand : public QUndoCommand {
 public:
  SetMixture2DCommand(Mixture2DDocument* doc, GaussianMixture before, GaussianMixture after)
      : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(QObject::tr("Change mixture"));
  }
  void undo() override { m_doc->applyMixture(m_before); }
  void redo() override { m_doc->applyMixture(m_after); }

 private:
  Mixture2DDocument* m_doc;
  GaussianMixture m_before, m_after;
};

Mixture2DDocument::Mixture2DDocument(const GaussianMixture& initial, QObject* parent)
    : QObject(parent), m_mixture(initial), m_undo(new QUndoStack(this)) {}

Mixture2DDocument::~Mixture2DDocument() = default;

bool Mixture2DDocument::setMixtureSpec(const QString& spec, QString* error) {
  GaussianMixture parsed;
  try {
    parsed = GaussianMixture::parse(spec.trimmed().toStdString());
  } catch (const std::exception& e) {
    if (error) *error = mixtureErrorMessage(QString::fromStdString(e.what()));
    return false;
  }
  if (parsed.dim() != 2) {
    if (error) *error = tr("This lesson needs 2-D means written mx,my (got %1-D).").arg(parsed.dim());
    return false;
  }
  if (parsed.toSpec() != m_mixture.toSpec()) m_undo->push(new SetMixture2DCommand(this, m_mixture, parsed));
  return true;
}

void Mixture2DDocument::applyMixture(const GaussianMixture& mixture) {
  m_mixture = mixture;
  Q_EMIT mixtureChanged();
  if (!isLocked()) Q_EMIT chainsChanged();
}

void Mixture2DDocument::scheduleEdited() {
  Q_EMIT scheduleChanged();
  if (!isLocked()) Q_EMIT chainsChanged();
}

void Mixture2DDocument::setScheduleKind(ScheduleKind kind) {
  if (kind == m_schedule.kind) return;
  m_schedule.kind = kind;
  scheduleEdited();
}

void Mixture2DDocument::setSteps(int steps) {
  if (steps == m_schedule.steps) return;
  m_schedule.steps = steps;
  scheduleEdited();
}

void Mixture2DDocument::setSampler(const Sampler2D& sampler) {
  if (sampler == m_sampler) return;
  m_sampler = sampler;
  Q_EMIT samplerChanged();
  Q_EMIT chainsChanged();
}

void Mixture2DDocument::setParticles(int n) {
  if (n == m_particles) return;
  m_particles = n;
  Q_EMIT samplingChanged();
  Q_EMIT chainsChanged();
}

void Mixture2DDocument::setSeed(std::uint64_t seed) {
  if (seed == m_seed) return;
  m_seed = seed;
  Q_EMIT samplingChanged();
  Q_EMIT chainsChanged();
}

void Mixture2DDocument::setPosteriorXt(double x, double y) {
  if (m_hasXt && x == m_x && y == m_y) return;
  m_hasXt = true;
  m_x = x;
  m_y = y;
  Q_EMIT probeChanged();
}

void Mixture2DDocument::setJump(int k) {
  k = std::max(1, k);
  if (k == m_jump) return;
  m_jump = k;
  Q_EMIT probeChanged();
}

void Mixture2DDocument::setShowField(bool on) {
  if (on == m_showField) return;
  m_showField = on;
  Q_EMIT viewChanged();
}

void Mixture2DDocument::setFieldKind(FieldKind kind) {
  if (kind == m_fieldKind) return;
  m_fieldKind = kind;
  Q_EMIT viewChanged();
}

void Mixture2DDocument::setShowPaths(bool on) {
  if (on == m_showPaths) return;
  m_showPaths = on;
  Q_EMIT viewChanged();
}

void Mixture2DDocument::setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture) {
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

GaussianMixture Mixture2DDocument::mixture() const { return m_learned ? m_learnedMixture : m_mixture; }

ScheduleSpec Mixture2DDocument::effectiveSchedule() const { return m_learned ? m_learned->schedule : m_schedule; }

QString Mixture2DDocument::samplerLabel() const {
  if (!m_sampler.ddim) return QStringLiteral("DDPM");
  return QStringLiteral("DDIM-%1").arg(std::min(m_sampler.ddimSteps, effectiveSchedule().steps));
}

Mixture2DSnapshot Mixture2DDocument::snapshot() const {
  Mixture2DSnapshot s;
  s.data = mixture();
  s.schedule = effectiveSchedule();
  s.sampler = m_sampler;
  s.particles = m_particles;
  s.seed = m_seed;
  s.hasXt = m_hasXt;
  s.x = m_x;
  s.y = m_y;
  s.jump = m_jump;
  s.learned = m_learned;
  return s;
}

}  // namespace ds::ui
