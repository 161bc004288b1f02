grep -q "port: eighty" out/mycharm/layer.yaml
