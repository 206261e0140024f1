#pragma once
// The Inpaint lesson's settings column (below the mask tools): which Fashion-MNIST test picture to
// load, which methods run (replace, RePaint with j and r, the conditioned model), the sampler,
// fills per method, seed and an optional class, the Inpaint button, the models in use and a status
// line. Every edit goes into the InpaintDocument; children are named for the tests.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class InpaintDocument;

class InpaintControls : public QWidget {
  Q_OBJECT

 public:
  explicit InpaintControls(InpaintDocument* document, QWidget* parent = nullptr);

  void setStatus(const QString& html);
  void setModelInfo(const QString& html);
  QPushButton* runButton() const { return m_run; }

 Q_SIGNALS:
  void runRequested();
  void testPictureRequested(int index);  // load test picture `index` (the spin box or "Another")

 private:
  QWidget* buildPictureBox();
  QWidget* buildMethodBox();
  QWidget* buildSamplerBox();
  void edit();
  void showDocument();

  InpaintDocument* m_doc;
  QSpinBox* m_testIndex = nullptr;
  QCheckBox* m_replace = nullptr;
  QCheckBox* m_repaint = nullptr;
  QCheckBox* m_conditioned = nullptr;
  QSpinBox* m_jump = nullptr;
  QSpinBox* m_resample = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_steps = nullptr;
  QDoubleSpinBox* m_eta = nullptr;
  QSpinBox* m_n = nullptr;
  QSpinBox* m_seed = nullptr;
  QComboBox* m_class = nullptr;
  QPushButton* m_run = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_modelInfo = nullptr;
  bool m_updating = false;
};

}  // namespace ds::ui
