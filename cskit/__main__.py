from cskit.cli import main

main()
