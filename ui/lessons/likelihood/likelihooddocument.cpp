#include "ui/lessons/likelihood/likelihooddocument.h"

#include "ui/lessons/mixture2d/presets.h"
#include "ui/modelstore.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <stdexcept>

namespace ds::ui {

bool LikelihoodSettings::operator==(const LikelihoodSettings& o) const {
  return mixture.toSpec() == o.mixture.toSpec() && scheduleKind == o.scheduleKind && steps == o.steps;
}

const std::vector<LikelihoodPreset>& likelihoodPresets() {
  static const std::vector<LikelihoodPreset> presets = [] {
    std::vector<LikelihoodPreset> out;
    out.push_back({LikelihoodDocument::tr("1-D: lecture example (two modes)"),
                   QString::fromStdString(GaussianMixture::lectureBimodal().toSpec()),
                   LikelihoodDocument::tr("The lecture's 1-D mixture: two equally likely, well separated modes.")});
    for (const Mixture2DPreset& p : mixture2DPresets())
      out.push_back({LikelihoodDocument::tr("2-D: %1").arg(p.name), p.spec, p.description});
    return out;
  }();
  return presets;
}

// One edit: the whole settings before and after (they are small), so undo is exact.
class SetLikelihoodCommand : public QUndoCommand {
 public:
  SetLikelihoodCommand(LikelihoodDocument* doc, LikelihoodSettings before, LikelihoodSettings after,
                       const QString& text)
      : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(text);
  }
  void undo() override { m_doc->apply(m_before); }
  void redo() override { m_doc->apply(m_after); }

 private:
  LikelihoodDocument* m_doc;
  LikelihoodSettings m_before, m_after;
};

LikelihoodDocument::LikelihoodDocument(QObject* parent)
    : QObject(parent), m_settings(defaults()), m_undo(new QUndoStack(this)) {
  rebuildSetup();
}

LikelihoodDocument::~LikelihoodDocument() = default;

LikelihoodSettings LikelihoodDocument::defaults() {
  LikelihoodSettings s;
  s.mixture = GaussianMixture::lectureBimodal();
  return s;
}

void LikelihoodDocument::apply(const LikelihoodSettings& settings) {
  m_settings = settings;
  rebuildSetup();
}

void LikelihoodDocument::edit(const LikelihoodSettings& after, const QString& text) {
  if (after == m_settings) return;
  m_undo->push(new SetLikelihoodCommand(this, m_settings, after, text));
}

bool LikelihoodDocument::setMixtureSpec(const QString& spec, QString* error) {
  LikelihoodSettings s = m_settings;
  try {
    s.mixture = GaussianMixture::parse(spec.trimmed().toStdString());
    if (s.mixture.dim() > 2)
      throw std::invalid_argument(
          tr("this lesson takes 1-D means (m) or 2-D means (mx,my), not %1-D").arg(s.mixture.dim()).toStdString());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
  edit(s, tr("Change mixture"));
  return true;
}

void LikelihoodDocument::applyPreset(const LikelihoodPreset& preset) {
  LikelihoodSettings s = m_settings;
  s.mixture = GaussianMixture::parse(preset.spec.toStdString());  // presets are checked by the tests
  edit(s, tr("Preset “%1”").arg(preset.name));
}

void LikelihoodDocument::setScheduleKind(ScheduleKind kind) {
  LikelihoodSettings s = m_settings;
  s.scheduleKind = kind;
  edit(s, tr("Change schedule"));
}

void LikelihoodDocument::setSteps(int steps) {
  LikelihoodSettings s = m_settings;
  s.steps = std::clamp(steps, kMinSteps, kMaxSteps);
  edit(s, tr("T = %1").arg(s.steps));
}

void LikelihoodDocument::setLearned(std::shared_ptr<const LearnedModel> model, const GaussianMixture& mixture) {
  if (model == m_learned && (!model || mixture.toSpec() == m_learnedMixture.toSpec())) return;
  m_learned = std::move(model);
  m_learnedMixture = m_learned ? mixture : GaussianMixture();
  rebuildSetup();
}

void LikelihoodDocument::rebuildSetup() {
  LikelihoodSetup s;
  if (m_learned) {
    s.mixture = m_learnedMixture;
    s.schedule = m_learned->schedule;
    s.learned = m_learned->denoiser;
    s.denoiserLabel = m_learned->description;
  } else {
    s.mixture = m_settings.mixture;
    s.schedule.kind = m_settings.scheduleKind;
    s.schedule.steps = m_settings.steps;
    s.denoiserLabel = tr("exact E[ε | xₜ]");
  }
  s.generation = m_setup.generation + 1;
  m_setup = std::move(s);
  Q_EMIT changed();
}

}  // namespace ds::ui
