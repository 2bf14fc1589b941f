const unrelated = <div>{1}</div>;
