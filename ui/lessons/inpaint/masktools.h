#pragma once
// The mask editor's controls: the tool, brush size and hardness, overlay opacity, whole-mask
// edits, undo/redo on the document's stack, picture and mask files, and how much of the picture
// the mask covers. It edits a MaskCanvas (tool, brush, view) and a MaskDocument (everything else);
// file dialogs and warnings live in slots here, the file logic in the document.

#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace ds::ui {

class MaskCanvas;
class MaskDocument;
enum class MaskTool;

class MaskToolsPanel : public QWidget {
  Q_OBJECT

 public:
  MaskToolsPanel(MaskDocument* document, MaskCanvas* canvas, QWidget* parent = nullptr);

  MaskDocument* document() const;
  MaskCanvas* canvas() const;

  // "37 % of the picture will be filled" for a mask fraction.
  static QString coverageText(double fraction);

 Q_SIGNALS:
  // A picture was loaded; `description` says how it was converted (MaskDocument::setImage).
  void pictureLoaded(const QString& description);

 public Q_SLOTS:
  void choosePicture();
  void chooseMask();
  void chooseMaskSaveFile();

 private:
  QWidget* buildToolBox();
  QWidget* buildBrushBox();
  QWidget* buildMaskBox();
  QWidget* buildFileBox();
  void connectCanvas();
  void connectDocument();
  void syncTool(MaskTool tool);
  void syncBrushSize(double size);
  void updateCoverage();
  void updateUndoButtons();
  void showHover(int x, int y, float value);

  QPointer<MaskDocument> m_doc;
  QPointer<MaskCanvas> m_canvas;
  QButtonGroup* m_tools = nullptr;
  QSlider* m_sizeSlider = nullptr;
  QDoubleSpinBox* m_size = nullptr;
  QSpinBox* m_hardness = nullptr;
  QSpinBox* m_opacity = nullptr;
  QPushButton* m_undo = nullptr;
  QPushButton* m_redo = nullptr;
  QLabel* m_coverage = nullptr;
  QLabel* m_hover = nullptr;
  QLabel* m_pictureInfo = nullptr;
  QString m_folder;  // where the last file dialog ended
};

}  // namespace ds::ui
