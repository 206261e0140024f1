#include "ui/lessons/inpaint/inpaintdocument.h"

namespace ds::ui {

std::vector<InpaintMethod> InpaintSettings::methods() const {
  std::vector<InpaintMethod> out;
  if (replace) out.push_back(InpaintMethod::Replace);
  if (repaint) out.push_back(InpaintMethod::Repaint);
  if (conditioned) out.push_back(InpaintMethod::Conditioned);
  return out;
}

bool InpaintSettings::operator==(const InpaintSettings& o) const {
  return replace == o.replace && repaint == o.repaint && conditioned == o.conditioned && jump == o.jump &&
         resample == o.resample && sampler == o.sampler && samplingSteps == o.samplingSteps && eta == o.eta &&
         n == o.n && seed == o.seed && label == o.label;
}

InpaintDocument::InpaintDocument(QObject* parent) : QObject(parent) {}

void InpaintDocument::setSettings(const InpaintSettings& settings) {
  if (settings == m_settings) return;
  m_settings = settings;
  Q_EMIT settingsChanged();
}

void InpaintDocument::setTestIndex(int index) {
  if (index == m_testIndex) return;
  m_testIndex = index;
  Q_EMIT testIndexChanged(index);
}

void InpaintDocument::setModels(const QString& model, const QString& inpainter) {
  if (model == m_model && inpainter == m_inpainter) return;
  m_model = model;
  m_inpainter = inpainter;
  Q_EMIT modelsChanged();
}

}  // namespace ds::ui
