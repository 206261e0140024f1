#pragma once
// The Images lesson's state: which real images the forward chain noises, and how the reverse chain
// samples (class, count, seed, one or two sampler/guidance settings), the sample whose trajectory
// is shown, and the model names. Jobs take a copy of the settings (plain structs, by value); views
// never read the document directly.

#include "core/eval/imagechains.h"

#include <QObject>
#include <QString>

#include <cstdint>

namespace ds::ui {

struct ImagesForwardSettings {
  int label = -1;  // −1: any class
  int count = 8;
  std::uint64_t seed = 1;
  bool operator==(const ImagesForwardSettings& o) const {
    return label == o.label && count == o.count && seed == o.seed;
  }
};

struct ImagesReverseSettings {
  int label = 0;  // Fashion-MNIST class 0..9
  int n = 16;
  std::uint64_t seed = 0;
  ImageSamplerSettings a;
  bool compare = true;  // also run b, with the same seed and x_T
  ImageSamplerSettings b;

  ImagesReverseSettings();
  std::vector<ImageSamplerSettings> runs() const;  // {a} or {a, b}
  bool operator==(const ImagesReverseSettings& o) const;
};

class ImagesDocument : public QObject {
  Q_OBJECT

 public:
  explicit ImagesDocument(QObject* parent = nullptr);

  const ImagesForwardSettings& forward() const { return m_forward; }
  void setForward(const ImagesForwardSettings& settings);
  const ImagesReverseSettings& reverse() const { return m_reverse; }
  void setReverse(const ImagesReverseSettings& settings);

  // The sample (index into the grid) of run `selectedRun()` (0 = A, 1 = B) whose whole trajectory
  // the strip shows.
  int selectedSample() const { return m_selected; }
  int selectedRun() const { return m_selectedRun; }
  void setSelection(int run, int index);

  // A bundled model's name or a file (core/models/registry.h).
  QString modelName() const { return m_model; }
  QString classifierName() const { return m_classifier; }
  void setModels(const QString& model, const QString& classifier);

 Q_SIGNALS:
  void forwardChanged();
  void reverseChanged();
  void selectionChanged(int index);
  void modelsChanged();

 private:
  ImagesForwardSettings m_forward;
  ImagesReverseSettings m_reverse;
  int m_selected = 0;
  int m_selectedRun = 0;
  QString m_model = QStringLiteral("fashion-mnist");
  QString m_classifier = QStringLiteral("fashion-mnist-classifier");
};

}  // namespace ds::ui
