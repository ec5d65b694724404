// mcunet-studio [MODEL]: opens MODEL (a .tflite file, an MCUNet .json config or zoo:NAME).
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QPalette>
#include <QStyleFactory>

#include "main_window.h"
#include "palette.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("MCUNet");
    QApplication::setApplicationName("MCUNet Studio");
    QApplication::setApplicationVersion(MCUNET_STUDIO_VERSION);
    // A chip with memory bars under its SRAM line (resources/icons, drawn for this project).
    QApplication::setWindowIcon(QIcon(QStringLiteral(MCUNET_RESOURCES_DIR "/icons/mcunet-studio.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Does your network fit the microcontroller?"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption darkOption("dark", QApplication::translate("main", "Use a dark palette (Fusion style)"));
    parser.addOption(darkOption);
    parser.addPositionalArgument("model", QApplication::translate("main", "A .tflite model, an MCUNet .json config or zoo:NAME"));
    parser.process(app);
    if (parser.isSet(darkOption)) {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(mcunet::studio::darkPalette());
    }

    mcunet::studio::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) window.openSource(parser.positionalArguments().front());
    return app.exec();
}
