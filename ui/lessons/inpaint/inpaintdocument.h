#pragma once
// The Inpaint lesson's settings: which methods run, RePaint's j and r, the sampler, how many fills
// per method, the seed, an optional class, and which Fashion-MNIST test picture is loaded. The
// picture and the mask themselves live in the MaskDocument (with their own undo stack). Jobs take
// a copy of the settings (a plain struct, by value).

#include "core/sampling/inpaint.h"
#include "core/sampling/sampler.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace ds::ui {

struct InpaintSettings {
  bool replace = true, repaint = true, conditioned = true;
  int jump = 10;     // RePaint j, in sampler steps
  int resample = 5;  // RePaint r
  SamplerKind sampler = SamplerKind::Ddim;
  int samplingSteps = 50;
  double eta = 1.0;
  int n = 4;  // fills per method
  std::uint64_t seed = 0;
  int label = -1;  // −1: no class (the null label)

  std::vector<InpaintMethod> methods() const;
  bool operator==(const InpaintSettings& o) const;
  bool operator!=(const InpaintSettings& o) const { return !(*this == o); }
};

class InpaintDocument : public QObject {
  Q_OBJECT

 public:
  explicit InpaintDocument(QObject* parent = nullptr);

  const InpaintSettings& settings() const { return m_settings; }
  void setSettings(const InpaintSettings& settings);

  // The Fashion-MNIST test picture shown (−1: a picture from a file or none yet).
  int testIndex() const { return m_testIndex; }
  void setTestIndex(int index);

  QString modelName() const { return m_model; }
  QString inpainterName() const { return m_inpainter; }
  // The plain U-Net and the inpainting U-Net (registry names or files); the next run loads them.
  void setModels(const QString& model, const QString& inpainter);

 Q_SIGNALS:
  void settingsChanged();
  void testIndexChanged(int index);
  void modelsChanged();

 private:
  InpaintSettings m_settings;
  int m_testIndex = -1;
  QString m_model = QStringLiteral("fashion-mnist");
  QString m_inpainter = QStringLiteral("fashion-mnist-inpaint");
};

}  // namespace ds::ui
