#include "ui/lessons/images/imagesdocument.h"

namespace ds::ui {

ImagesReverseSettings::ImagesReverseSettings() {
  // The classroom comparison: the conditional model without guidance next to classifier-free
  // guidance at its default scale, from the same noise.
  a.guidance = ImageGuidance::None;
  a.scale = 0;
  b.guidance = ImageGuidance::ClassifierFree;
  b.scale = defaultGuidanceScale(ImageGuidance::ClassifierFree);
}

std::vector<ImageSamplerSettings> ImagesReverseSettings::runs() const {
  if (compare) return {a, b};
  return {a};
}

bool ImagesReverseSettings::operator==(const ImagesReverseSettings& o) const {
  return label == o.label && n == o.n && seed == o.seed && a == o.a && compare == o.compare && b == o.b;
}

ImagesDocument::ImagesDocument(QObject* parent) : QObject(parent) {}

void ImagesDocument::setForward(const ImagesForwardSettings& settings) {
  if (settings == m_forward) return;
  m_forward = settings;
  Q_EMIT forwardChanged();
}

void ImagesDocument::setReverse(const ImagesReverseSettings& settings) {
  if (settings == m_reverse) return;
  m_reverse = settings;
  if (m_selected >= m_reverse.n || (m_selectedRun > 0 && !m_reverse.compare)) setSelection(0, 0);
  Q_EMIT reverseChanged();
}

void ImagesDocument::setSelection(int run, int index) {
  if (index < 0 || run < 0 || run > 1 || (index == m_selected && run == m_selectedRun)) return;
  m_selected = index;
  m_selectedRun = run;
  Q_EMIT selectionChanged(index);
}

void ImagesDocument::setModels(const QString& model, const QString& classifier) {
  if (model == m_model && classifier == m_classifier) return;
  m_model = model;
  m_classifier = classifier;
  Q_EMIT modelsChanged();
}

}  // namespace ds::ui
