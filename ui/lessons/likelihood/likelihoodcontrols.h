#pragma once
// The Likelihood & score lesson's control column: the shared set-up every page works from — Data
// (a 1-D or 2-D Gaussian mixture: presets and a SPEC line with inline errors), Forward process
// (schedule kind, T) and the Denoiser (exact, or the Train lesson's model of the data's dimension) —
// then the current page's own controls. Every edit goes into the LikelihoodDocument; the
// controls show the document (also after undo). Children are named.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class DenoiserBox;
class LikelihoodDocument;

class LikelihoodControls : public QWidget {
  Q_OBJECT

 public:
  explicit LikelihoodControls(LikelihoodDocument* document, QWidget* parent = nullptr);

  // Puts the SPEC line into the document; a bad spec is shown inline and changes nothing.
  bool applySpec();
  // The pages' own controls, one per page in tab order (an empty placeholder for none).
  void addPageControls(QWidget* controls);
  void setCurrentPage(int index);
  // The box of the data's dimension (1 or 2).
  DenoiserBox* denoiserBox(int dim) const;

 private:
  QWidget* buildDataBox();
  QWidget* buildProcessBox();
  void connectEdits();
  void showDocument();
  void adoptDenoiser(DenoiserBox* box);

  LikelihoodDocument* m_doc;
  QComboBox* m_preset = nullptr;
  QLineEdit* m_spec = nullptr;
  QPushButton* m_apply = nullptr;
  QLabel* m_specError = nullptr;
  QLabel* m_dimLabel = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QLabel* m_lockNote = nullptr;
  QWidget* m_denoisers = nullptr;  // the two boxes, one shown
  DenoiserBox* m_denoiser1 = nullptr;
  DenoiserBox* m_denoiser2 = nullptr;
  QWidget* m_pages = nullptr;  // the pages' controls, the current one shown
};

}  // namespace ds::ui
