#include "ui/lessons/inpaint2d/inpaint2ddocument.h"

#include "ui/coremessages.h"
#include "ui/lessons/inpaint2d/inpaint2dpresets.h"
#include "ui/lessons/inpaint2d/methodstyle.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ds::ui {

bool Inpaint2DSettings::operator==(const Inpaint2DSettings& o) const {
  return mixture.toSpec() == o.mixture.toSpec() && observedDim == o.observedDim && value == o.value &&
         shown == o.shown && jump == o.jump && resample == o.resample && scheduleKind == o.scheduleKind &&
         steps == o.steps && ddim == o.ddim && ddimSteps == o.ddimSteps && n == o.n && seed == o.seed;
}

// One edit: the whole settings before and after (they are small), so undo is exact.
class SetInpaint2DCommand : public QUndoCommand {
 public:
  SetInpaint2DCommand(Inpaint2DDocument* doc, Inpaint2DSettings before, Inpaint2DSettings after, const QString& text)
      : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(text);
  }
  void undo() override { m_doc->apply(m_before); }
  void redo() override { m_doc->apply(m_after); }

 private:
  Inpaint2DDocument* m_doc;
  Inpaint2DSettings m_before, m_after;
};

Inpaint2DDocument::Inpaint2DDocument(const Inpaint2DSettings& initial, QObject* parent)
    : QObject(parent), m_settings(initial), m_undo(new QUndoStack(this)) {}

Inpaint2DDocument::~Inpaint2DDocument() = default;

void Inpaint2DDocument::apply(const Inpaint2DSettings& settings) {
  m_settings = settings;
  Q_EMIT changed();
}

void Inpaint2DDocument::edit(const Inpaint2DSettings& after, const QString& text) {
  if (after == m_settings) return;
  m_undo->push(new SetInpaint2DCommand(this, m_settings, after, text));
}

bool Inpaint2DDocument::setMixtureSpec(const QString& spec, QString* error) {
  Inpaint2DSettings s = m_settings;
  try {
    s.mixture = GaussianMixture::parse(spec.trimmed().toStdString());
  } catch (const std::exception& e) {
    if (error) *error = mixtureErrorMessage(QString::fromStdString(e.what()));
    return false;
  }
  if (s.mixture.dim() != 2) {
    if (error) *error = tr("This lesson needs 2-D means written mx,my (got %1-D).").arg(s.mixture.dim());
    return false;
  }
  edit(s, tr("Change mixture"));
  return true;
}

void Inpaint2DDocument::applyPreset(const Inpaint2DPreset& preset) {
  Inpaint2DSettings s = m_settings;
  s.mixture = GaussianMixture::parse(preset.spec.toStdString());  // presets are checked by the tests
  s.observedDim = preset.observedDim;
  s.value = preset.value;
  edit(s, tr("Preset “%1”").arg(preset.name));
}

void Inpaint2DDocument::setObservedDim(int dim) {
  Inpaint2DSettings s = m_settings;
  s.observedDim = dim == 0 ? 0 : 1;
  edit(s, tr("Observe x%1").arg(s.observedDim + 1));
}

void Inpaint2DDocument::setValue(double c) {
  if (!std::isfinite(c)) return;
  Inpaint2DSettings s = m_settings;
  // Two decimals: what the controls show, so a dragged value and a typed one compare equal.
  s.value = std::round(c * 100.0) / 100.0;
  edit(s, tr("Move the observation to %1").arg(s.value));
}

void Inpaint2DDocument::setMethodShown(int index, bool on) {
  if (index < 0 || index >= static_cast<int>(kInpaintMethods.size())) return;
  Inpaint2DSettings s = m_settings;
  s.shown[static_cast<size_t>(index)] = on;
  edit(s, on ? tr("Show %1").arg(methodTitle(kInpaintMethods[static_cast<size_t>(index)]))
             : tr("Hide %1").arg(methodTitle(kInpaintMethods[static_cast<size_t>(index)])));
}

void Inpaint2DDocument::setJump(int j) {
  Inpaint2DSettings s = m_settings;
  s.jump = std::clamp(j, 1, kMaxInpaintJump);
  edit(s, tr("RePaint j = %1").arg(s.jump));
}

void Inpaint2DDocument::setResample(int r) {
  Inpaint2DSettings s = m_settings;
  s.resample = std::clamp(r, 1, kMaxInpaintResample);
  edit(s, tr("RePaint r = %1").arg(s.resample));
}

void Inpaint2DDocument::setScheduleKind(ScheduleKind kind) {
  Inpaint2DSettings s = m_settings;
  s.scheduleKind = kind;
  edit(s, tr("Change schedule"));
}

void Inpaint2DDocument::setSteps(int steps) {
  Inpaint2DSettings s = m_settings;
  s.steps = std::max(2, steps);
  edit(s, tr("T = %1").arg(s.steps));
}

void Inpaint2DDocument::setDdim(bool on) {
  Inpaint2DSettings s = m_settings;
  s.ddim = on;
  edit(s, on ? tr("Sample with DDIM") : tr("Sample with DDPM"));
}

void Inpaint2DDocument::setDdimSteps(int steps) {
  Inpaint2DSettings s = m_settings;
  s.ddimSteps = std::max(1, steps);
  edit(s, tr("DDIM steps S = %1").arg(s.ddimSteps));
}

void Inpaint2DDocument::setSamples(int n) {
  Inpaint2DSettings s = m_settings;
  s.n = std::max(1, n);
  edit(s, tr("n = %1").arg(s.n));
}

void Inpaint2DDocument::setSeed(std::uint64_t seed) {
  Inpaint2DSettings s = m_settings;
  s.seed = seed;
  edit(s, tr("Seed %1").arg(seed));
}

bool Inpaint2DDocument::anyMethodShown() const {
  return std::any_of(m_settings.shown.begin(), m_settings.shown.end(), [](bool b) { return b; });
}

QString Inpaint2DDocument::samplerLabel() const {
  if (!m_settings.ddim) return QStringLiteral("DDPM");
  return QStringLiteral("DDIM-%1").arg(std::min(m_settings.ddimSteps, m_settings.steps));
}

ScheduleSpec Inpaint2DDocument::scheduleSpec() const {
  ScheduleSpec spec;
  spec.kind = m_settings.scheduleKind;
  spec.steps = m_settings.steps;
  return spec;
}

Inpaint2DRequest Inpaint2DDocument::request(int paths, int grid) const {
  const Inpaint2DSettings& s = m_settings;
  Inpaint2DRequest r;
  r.data = s.mixture;
  r.schedule = scheduleSpec();
  r.observedDim = s.observedDim;
  r.value = s.value;
  r.methods.clear();
  for (size_t i = 0; i < kInpaintMethods.size(); ++i)
    if (s.shown[i]) r.methods.push_back(kInpaintMethods[i]);
  r.jump = s.jump;
  r.resample = s.resample;
  r.kind = s.ddim ? SamplerKind::Ddim : SamplerKind::Ddpm;
  r.samplingSteps = s.ddim ? std::min(s.ddimSteps, s.steps) : 0;
  r.eta = 0.0;
  r.n = s.n;
  r.seed = s.seed;
  r.paths = paths;
  r.grid = grid;
  return r;
}

}  // namespace ds::ui
