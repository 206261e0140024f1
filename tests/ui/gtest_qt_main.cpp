// The shared main of the GUI tests: an offscreen QApplication (unless a platform is set), then gtest.

#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("DiffusionStudioTests"));
  QApplication::setApplicationName(QStringLiteral("Diffusion Studio Tests"));
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
